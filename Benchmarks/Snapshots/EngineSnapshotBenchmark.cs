using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Trading.Benchmarks.Diagnostics;
using Trading.Benchmarks.Mix50;
using Trading.Benchmarks.Runtime;
using Trading.Client.Api.Exchange;
using Trading.Client.Api.Snapshots;
using Trading.Grains.Exchange;
using Trading.Grains.Exchange.Codecs;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Grains.Matching;
using Trading.Grains.Symbols;
using Trading.Runtime.Client;
using Trading.Runtime.Configuration;
using Trading.Runtime.Grains;
using Trading.Runtime.Messaging;
using Trading.Runtime.Partitioning;
using Trading.Runtime.Snapshots;
using Trading.Runtime.State;
using Trading.Runtime.Streams;
using Trading.Silo;

namespace Trading.Benchmarks.Snapshots;

/// <summary>
/// Snapshots of a loaded engine on one silo with the real Kafka and Redis:
/// <c>dotnet run -c Release --project Benchmarks -- snapshot [--users 100000] [--orders-per-user 10] [--symbols 10]
/// [--orders 20000] [--rounds 3]</c>. The books (1,000,000 resting orders by default) and accounts (100,000) are built with the matching
/// core and margin engine and written as the grains' checkpoints; the silo then serves them. Prints the snapshot
/// generation time (request to every part stored) of a full and of an incremental snapshot, the document assembly time,
/// the recovery time (from the incremental one: base plus changes), and the matching throughput of a crossing-order load
/// without and with a snapshot taken while it runs: with one, orders keep coming until every part is stored, and the rate
/// counts the answers from the snapshot's request to its last part stored (the whole generation beside matching); without,
/// the same steady part of a run of as many orders, right after. That comparison runs <c>--rounds</c> times, each a run with and
/// one without a snapshot back to back, and the figures are the rounds' medians (one pair of runs on a shared 2-core
/// machine varied from 0.77 to 1.81); the part figures are those of the round with the median generation time. The warm-up
/// takes one snapshot too, so the rounds measure the writer warm; that first snapshot's ratio is printed on its own line.
/// One more run goes on until the document is ready too: the ratio while the assembler compresses the parts and builds it.
/// </summary>
public static class EngineSnapshotBenchmark
{
    private const string MasterKey = "ZGV2LW9ubHktbWFzdGVyLWtleS1jaGFuZ2UtbWUtaW4tcHJvZHVjdGlvbiEhIQ==";

    public static int Run(string[] args)
    {
        var users = RuntimeThroughput.ArgValue(args, "--users", 100_000);
        var perUser = RuntimeThroughput.ArgValue(args, "--orders-per-user", 10);
        var symbols = RuntimeThroughput.ArgValue(args, "--symbols", 10);
        var orders = RuntimeThroughput.ArgValue(args, "--orders", 20_000);
        var rounds = RuntimeThroughput.ArgValue(args, "--rounds", 3);
        var separator = Array.IndexOf(args, "--");
        string[] silo = separator < 0 ? [] : args[(separator + 1)..]; // settings for the silo, e.g. --Snapshots:CompressParts=false
        RunAsync(users, perUser, symbols, orders, Math.Max(1, rounds), silo).GetAwaiter().GetResult();
        return 0;
    }

    private static async Task RunAsync(int users, int perUser, int symbolCount, int orders, int rounds, string[] siloSettings)
    {
        var clusterId = $"snapb_{Guid.NewGuid():N}"[..16];
        var settings = new List<string>
        {
            "--Cluster:Mode=Kafka", $"--Cluster:ClusterId={clusterId}", "--Gateway:Enabled=true", "--Urls=http://127.0.0.1:5098",
            "--Logging:LogLevel:Default=Warning", $"--Auth:MasterKey={MasterKey}", "--History:Enabled=false",
            "--Cache:Enabled=false", "--Push:Enabled=false", "--Runtime:IdleDeactivationSeconds=3600",
            // Every snapshot but the last is requested as a full one; the last, incremental, needs its base to be the latest full
            // one rather than the periodic cadence's turn to take a full one (the rounds would use it up).
            "--Snapshots:FullEvery=1000",
        };
        foreach (var (name, _) in new TopicOptions().All()) settings.Add($"--Topics:{name}={clusterId}.{name}");
        settings.AddRange(siloSettings);
        await using var app = SiloProgram.Build([.. settings]);
        var services = app.Services;

        var watch = Stopwatch.StartNew();
        var exchange = new SyntheticExchangeStates(symbolCount, users, perUser);
        var (books, positions) = exchange.Capture();
        await SeedAsync(services.GetRequiredService<IGrainStateStore>(), services.GetRequiredService<IMessageLog>(),
            new TopicOptions().All().ToDictionary(t => t.Name, t => $"{clusterId}.{t.Name}"), books, positions, exchange.Specs);
        Console.WriteLine($"snapshot_resting_orders: {exchange.RestingOrders}");
        Console.WriteLine($"snapshot_positions: {users}");
        Console.WriteLine($"snapshot_seed_seconds: {watch.Elapsed.TotalSeconds:F1}");
        books = null!;
        positions = null!;
        GC.Collect();

        await app.StartAsync();
        var client = services.GetRequiredService<IClusterClient>();
        var trading = services.GetRequiredService<TradingService>();
        var catalog = services.GetRequiredService<SymbolCatalog>();
        SymbolSpec? spec = null;
        while (spec is null)
        {
            try { spec = await catalog.FindAsync("BTCUSDT", CancellationToken.None); }
            catch (TimeoutException) { }
            if (spec is null) await Task.Delay(200);
        }
        const int traders = 200;
        await Task.WhenAll(Enumerable.Range(0, traders).Select(u => trading.DepositAsync(5_000_000 + u, "USDT", Money.FromDecimal(1_000_000_000m), CancellationToken.None)));
        await trading.SetMarkPriceAsync("BTCUSDT", spec.PriceToTicks(50_000m), CancellationToken.None);
        // Activate every seeded grain once, as a running engine has them (the books serve a depth query, the accounts a lookup).
        watch.Restart();
        foreach (var symbol in exchange.Specs.Keys)
            await client.AskAsync<IOrderBookGrain, BookDepth>(symbol, new GetBookDepth(5), TimeSpan.FromSeconds(60));
        Console.WriteLine($"snapshot_book_activation_seconds: {watch.Elapsed.TotalSeconds:F1}");

        var snapshots = services.GetRequiredService<SnapshotOperations>();
        // Warm-up, unmeasured: JIT, grain activations, and a first snapshot (the writer's code, its block pool, the listing),
        // since every snapshot after the first runs warm. Its ratio is printed apart: the first snapshot after a start.
        await MatchAsync(client, spec, orders / 2, traders, snapshot: null, idOffset: 1L << 32);
        await SettleAsync();
        var cold = await MatchAsync(client, spec, orders, traders, snapshot: snapshots, idOffset: 3L << 32);
        await SettleAsync();
        var coldBaseline = await MatchAsync(client, spec, cold.Sent, traders, snapshot: null, idOffset: 3L << 32);
        Console.WriteLine($"matching_ratio_first_snapshot_after_start: {cold.Rate / coldBaseline.Rate:F3}");
        Console.WriteLine($"snapshot_generation_ms_first_after_start: {cold.Snapshot!.GenerationMs}");
        var baselines = new List<double>(rounds);
        var durings = new List<Outcome>(rounds);
        var ratios = new List<double>(rounds);
        for (var round = 0; round < rounds; round++)
        {
            await SettleAsync(); // the previous round's garbage (its snapshot's listing and reads) is nobody's figure
            // The run with a snapshot first, then one without of as many orders: the baseline spans as long a stretch of
            // steady matching (periodic checkpoints, GCs, the broker's segment writes), not just the first second or two.
            var with = await MatchAsync(client, spec, orders, traders, snapshot: snapshots, idOffset: (round + 1L) << 34);
            await SettleAsync();
            var baseline = await MatchAsync(client, spec, with.Sent, traders, snapshot: null, idOffset: (round + 1L) << 34);
            baselines.Add(baseline.Rate);
            durings.Add(with);
            ratios.Add(with.Rate / baseline.Rate);
            Console.WriteLine($"matching_round_{round + 1}_without_snapshot_cost: {baseline.Cost}");
            Console.WriteLine($"matching_round_{round + 1}_with_snapshot_cost: {with.Cost}");
        }
        Console.WriteLine($"matching_orders_per_second_without_snapshot: {Mix50Statistics.Median([.. baselines]):F0}");
        Console.WriteLine($"matching_orders_per_second_with_snapshot: {Mix50Statistics.Median([.. durings.ConvertAll(d => d.Rate)]):F0}");
        Console.WriteLine($"matching_ratio_with_snapshot: {Mix50Statistics.Median([.. ratios]):F3}");
        Console.WriteLine($"matching_ratio_rounds: {string.Join(' ', ratios.ConvertAll(r => r.ToString("F3", CultureInfo.InvariantCulture)))}");
        Console.WriteLine($"snapshot_generation_ms_rounds: {string.Join(' ', durings.ConvertAll(d => d.Snapshot!.GenerationMs))}");
        // After its last part is stored the assembler compresses the parts and builds the document, at low priority: once,
        // matching goes on until that is done too, and its rate over that stretch is compared with the rounds' baselines.
        await SettleAsync();
        var documentRun = await MatchAsync(client, spec, orders, traders, snapshots, idOffset: 2L << 32, untilDocument: true);
        // The control: a run of as many orders without a snapshot, about as long. The rounds' baselines are a few seconds each, and
        // a run of a minute or more holds more of matching's own collections (gen2 among them), so they flatter no long stretch.
        var control = await MatchAsync(client, spec, documentRun.Sent, traders, snapshot: null, idOffset: 5L << 32); // ids of its own
        Console.WriteLine($"matching_ratio_during_document_build: {documentRun.DocumentBuildRate!.Value / control.Rate:F3}");
        Console.WriteLine($"matching_ratio_during_document_build_vs_round_baselines: {documentRun.DocumentBuildRate!.Value / Mix50Statistics.Median([.. baselines]):F3}");
        Console.WriteLine($"matching_document_control_cost: {control.Cost}");
        Console.WriteLine($"snapshot_document_ready_ms_under_load: {documentRun.DocumentMs}");
        Console.WriteLine($"matching_document_build_cost: {documentRun.Cost}");
        durings.Sort((a, b) => (a.Snapshot!.GenerationMs ?? long.MaxValue).CompareTo(b.Snapshot!.GenerationMs ?? long.MaxValue));
        var during = durings[durings.Count / 2];
        var status = during.Snapshot!;
        long partBytes = 0, grains = 0;
        foreach (var p in status.Parts) { partBytes += p.Bytes; grains += p.Grains; }
        Console.WriteLine($"snapshot_state: {status.State}");
        Console.WriteLine($"snapshot_grains: {grains}");
        Console.WriteLine($"snapshot_part_bytes: {partBytes}"); // as the writers stored them (uncompressed)
        long storedBytes = 0; // once the assembler compressed them (Snapshots:CompressParts), before the document was built
        var snapshotStore = services.GetRequiredService<ISnapshotStore>();
        foreach (var p in status.Parts) storedBytes += (await snapshotStore.GetPartAsync(status.SnapshotId, p.GrainType, p.Partition))?.Length ?? 0;
        Console.WriteLine($"snapshot_stored_part_bytes: {storedBytes}");
        Console.WriteLine($"snapshot_generation_ms: {status.GenerationMs}");
        long lastCut = 0, slowestPart = 0;
        foreach (var p in status.Parts)
        {
            lastCut = Math.Max(lastCut, p.CapturedAtMs - status.RequestedAt);
            slowestPart = Math.Max(slowestPart, p.StoredAtMs - p.CapturedAtMs);
        }
        Console.WriteLine($"snapshot_last_barrier_reached_ms: {lastCut}"); // inputs queued ahead of a barrier are handled first
        Console.WriteLine($"snapshot_slowest_part_write_ms: {slowestPart}");
        Console.WriteLine($"snapshot_document_ready_ms: {during.DocumentMs}");

        // The same full snapshot on an idle silo: the writer's own speed. Above, matching held both cores and the writer runs
        // at low priority on purpose (the matching ratio), so that figure is the generation time under full load.
        // The stored part sizes above were read back (tens of MB) into this process: let the GC clear them first, or the
        // collection they trigger runs during the idle snapshot and is counted as the writer's.
        await SettleAsync();
        var (idle, _, _) = await snapshots.TakeAsync(null, true, TimeSpan.FromMinutes(5), CancellationToken.None);
        Console.WriteLine($"snapshot_idle_state: {idle.State}");
        Console.WriteLine($"snapshot_idle_generation_ms: {idle.GenerationMs}");

        // An incremental snapshot after more trading: only the grains changed since the full one are read and stored.
        await MatchAsync(client, spec, orders / 4, traders, snapshot: null, idOffset: 1L << 31);
        var (incremental, _, _) = await snapshots.TakeAsync(null, false, TimeSpan.FromMinutes(5), CancellationToken.None);
        long changed = 0, incrementalBytes = 0;
        foreach (var p in incremental.Parts) { changed += p.ChangedGrains; incrementalBytes += p.Bytes; }
        Console.WriteLine($"snapshot_incremental_kind: {incremental.Kind}");
        Console.WriteLine($"snapshot_incremental_changed_grains: {changed}");
        Console.WriteLine($"snapshot_incremental_part_bytes: {incrementalBytes}");
        Console.WriteLine($"snapshot_incremental_generation_ms: {incremental.GenerationMs}");

        var recovery = services.GetRequiredService<SnapshotRecovery>();
        var result = await recovery.RecoverAsync(incremental.SnapshotId, CancellationToken.None);
        Console.WriteLine($"recovery_grains: {result.Grains}");
        Console.WriteLine($"recovery_ms: {result.TotalMs}");
        Console.WriteLine($"recovery_stop_ms: {result.StopMs}");
        Console.WriteLine($"recovery_apply_ms: {result.ApplyMs}");
        Console.WriteLine($"recovery_resume_ms: {result.ResumeMs}");
        watch.Restart();
        await client.AskAsync<IOrderBookGrain, BookDepth>("BTCUSDT", new GetBookDepth(5), TimeSpan.FromSeconds(60));
        Console.WriteLine($"recovery_first_answer_ms: {watch.ElapsedMilliseconds}");
        await app.StopAsync();
        await DeleteClusterKeysAsync(services.GetRequiredService<ConnectionMultiplexer>(), clusterId);
    }

    /// <summary>The run's checkpoints, snapshots and documents take gigabytes of Redis memory: remove them.</summary>
    private static async Task DeleteClusterKeysAsync(ConnectionMultiplexer redis, string clusterId)
    {
        var db = redis.GetDatabase();
        var batch = new List<RedisKey>(1000);
        foreach (var key in redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: $"{clusterId}:*", pageSize: 1000))
        {
            batch.Add(key);
            if (batch.Count < 1000) continue;
            await db.KeyDeleteAsync(batch.ToArray());
            batch.Clear();
        }
        if (batch.Count > 0) await db.KeyDeleteAsync(batch.ToArray());
    }

    /// <param name="Rate">Orders answered per second over the measured window (see <see cref="MatchAsync"/>).</param>
    /// <param name="DocumentMs">From the snapshot's request to its document ready.</param>
    /// <param name="DocumentBuildRate">With <c>untilDocument</c>: orders answered per second from the last part stored to the document ready.</param>
    /// <param name="Sent">Orders sent in the run.</param>
    private sealed record Outcome(double Rate, SnapshotStatus? Snapshot, long DocumentMs, string Cost, int Sent, double? DocumentBuildRate = null);

    private static async Task SettleAsync()
    {
        GC.Collect();
        await Task.Delay(2_000);
    }

    /// <summary>
    /// Crossing pairs on BTCUSDT through the cluster client, at most 5,000 in flight, and the rate of their answers over a
    /// window in the steady part of the run (the window full throughout). Without a snapshot: <paramref name="orders"/> orders,
    /// measured from the third sent to the last sent. With one: a full snapshot is requested when a third have been sent, and
    /// orders keep coming until the coordinator reports every part stored (with <paramref name="untilDocument"/>, until its
    /// document is ready too), however many orders that takes, so that the whole generation runs beside matching; measured
    /// from the snapshot's request to its last part stored, as the coordinator stamped them.
    /// </summary>
    private static async Task<Outcome> MatchAsync(IClusterClient client, SymbolSpec spec, int orders, int traders,
        SnapshotOperations? snapshot, long idOffset = 0, bool untilDocument = false)
    {
        var price = spec.PriceToTicks(50_000m);
        var window = new SemaphoreSlim(5_000);
        var replies = new List<Task>(orders * 4);
        using var timeline = AnswerTimeline.Start();
        Task<SnapshotStatus>? generated = null;
        Task<(SnapshotStatus Status, long? DocumentBytes)>? document = null;
        long fromMs = 0, documentReadyMs = 0;
        RunCost? cost = null;
        var idBase = (1L << 41) + (snapshot is null ? 0 : 1L << 30) + idOffset;
        var refused = 0;
        var sent = 0; // orders sent so far, and the next one's index
        for (; ; sent++)
        {
            if (sent == orders / 3)
            {
                fromMs = timeline.NowUnixMs();
                cost = RunCost.Start();
                if (snapshot is not null) generated = GenerateFullAsync(snapshot);
            }
            if (untilDocument && document is null && generated is { IsCompleted: true })
            {
                cost = RunCost.Start(); // with untilDocument, the cost line is the document build's
                document = snapshot!.WaitForDocumentAsync(generated.Result, TimeSpan.FromMinutes(5), CancellationToken.None)
                    .ContinueWith(t => { documentReadyMs = timeline.NowUnixMs(); return t.Result; }, TaskScheduler.Default);
            }
            if (sent >= orders && (generated is null || (generated.IsCompleted && (!untilDocument || document!.IsCompleted)))) break;
            await window.WaitAsync();
            var submit = new SubmitOrder
            {
                OrderId = idBase + sent, Spec = spec, Side = sent % 2 == 0 ? OrderSide.Sell : OrderSide.Buy, Type = OrderType.Limit,
                TimeInForce = TimeInForce.Gtc, Price = price, Quantity = 1, WorstPrice = price,
            };
            // Orders 2n and 2n+1 are a pair: the sell from one trader, the buy from the next. Every trader sells and buys equally
            // often, so no position grows one way however long the run (one that did would reach its bracket's limit: rejected).
            var user = (5_000_000 + (sent / 2 + sent % 2) % traders).ToString(CultureInfo.InvariantCulture);
            replies.Add(client.AskAsync<IPositionGrain, OrderResult>(user, submit, TimeSpan.FromMinutes(2))
                .ContinueWith(t =>
                {
                    // only orders the book took count; a failed ask or a refusal would make the rate meaningless
                    if (t.IsCompletedSuccessfully && t.Result.Status != OrderStatus.Rejected) timeline.Answered();
                    else Interlocked.Increment(ref refused);
                    window.Release();
                }, TaskScheduler.Default));
        }
        var toMs = timeline.NowUnixMs();
        var spent = cost!.Stop(); // the measured part of the run's, not the drain nor the wait for the document below
        await Task.WhenAll(replies); // every order answered by the book
        if (refused > 0) throw new InvalidOperationException($"{refused} of {sent} orders failed or were rejected: the rate would not be matching's.");
        if (generated is null) return new Outcome(timeline.RatePerSecond(fromMs, toMs), null, 0, spent, sent);
        var status = await generated;
        var rate = timeline.RatePerSecond(status.RequestedAt, status.CompletedAt!.Value);
        if (document is not null)
        {
            await document;
            return new Outcome(rate, status, documentReadyMs - status.RequestedAt, spent, sent,
                timeline.RatePerSecond(status.CompletedAt!.Value, documentReadyMs));
        }
        await snapshot!.WaitForDocumentAsync(status, TimeSpan.FromMinutes(5), CancellationToken.None);
        return new Outcome(rate, status, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - status.RequestedAt, spent, sent);
    }

    /// <summary>Requests a full snapshot and waits until every part is stored.</summary>
    private static async Task<SnapshotStatus> GenerateFullAsync(SnapshotOperations snapshots)
    {
        var requested = await snapshots.RequestAsync(null, true, CancellationToken.None);
        var status = await snapshots.WaitUntilStoredAsync(requested, TimeSpan.FromMinutes(5), CancellationToken.None);
        if (status.State != SnapshotState.Completed) throw new InvalidOperationException($"Snapshot {status.SnapshotId} {status.State}: {status.Error}");
        return status;
    }

    /// <summary>Writes the states as the grains' checkpoints (offset 0: no input applied yet) and the registry's specs.</summary>
    private static async Task SeedAsync(IGrainStateStore store, IMessageLog log, Dictionary<string, string> topics,
        Dictionary<string, OrderBookGrainState> books, Dictionary<long, PositionGrainState> positions, Dictionary<string, SymbolSpec> specs)
    {
        var bookPartitions = log.PartitionCount(topics[nameof(TopicOptions.OrdersCommands)]);
        var positionPartitions = log.PartitionCount(topics[nameof(TopicOptions.OrdersRequests)]);
        var batch = new List<KeyValuePair<GrainId, GrainCheckpoint>>(1000);
        foreach (var (symbol, state) in books)
            await store.SaveAsync(new GrainId(ExchangeGrainTypes.OrderBook, symbol), Checkpoint(symbol, bookPartitions, state, OrderBookGrainStateCodec.Instance));
        foreach (var (user, state) in positions)
        {
            var key = user.ToString(CultureInfo.InvariantCulture);
            batch.Add(new(new GrainId(ExchangeGrainTypes.Position, key), Checkpoint(key, positionPartitions, state, PositionGrainStateCodec.Instance)));
            if (batch.Count == 1000)
            {
                await store.SaveManyAsync(batch);
                batch.Clear();
            }
        }
        await store.SaveManyAsync(batch);
        var registry = new SymbolRegistryState { Version = specs.Count };
        foreach (var (name, spec) in specs) registry.Symbols[name] = spec;
        await store.SaveAsync(new GrainId(ExchangeGrainTypes.SymbolRegistry, ISymbolRegistryGrain.Key),
            Checkpoint(ISymbolRegistryGrain.Key, log.PartitionCount(topics[nameof(TopicOptions.SymbolCommands)]), registry, null));
    }

    /// <summary>The checkpoint the grain itself would write: its state in the grain's form (binary with a codec, else JSON).</summary>
    private static GrainCheckpoint Checkpoint<T>(string key, int partitions, T state, IStateCodec<T>? codec) where T : class =>
        new(Murmur2Partitioner.Partition(key, partitions), 0,
            new GrainCheckpointPayload(GrainCheckpointPayload.CurrentVersion, GrainStateFormat.Serialize(state, codec), null, null).Encode());
}
