using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Trading.Benchmarks.Diagnostics;
using Trading.Client.Api.Exchange;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Matching;
using Trading.Grains.Symbols;
using Trading.Runtime.Client;
using Trading.Runtime.Configuration;
using Trading.Runtime.Streams;
using Trading.Silo;

namespace Trading.Benchmarks.Exchange;

/// <summary>
/// Order flow through one silo on the real Kafka and Redis (servers up: scripts/services.sh up):
/// (1) sustained orders per second through the cluster client, (2) through HTTP with signed requests,
/// (3) latency of place-with-wait over HTTP at a fixed rate. Prints one <c>name: value</c> line per figure.
/// <code>dotnet run -c Release --project Benchmarks -- orders [--orders 200000] [--warmup-orders 20000] [--http-orders 20000] [--rate 2000] [--seconds 20] [--alloc-sample] [-- silo settings]</code>
/// </summary>
public static class OrderFlowBenchmark
{
    private const string MasterKey = "ZGV2LW9ubHktbWFzdGVyLWtleS1jaGFuZ2UtbWUtaW4tcHJvZHVjdGlvbiEhIQ==";
    private const int HttpUsers = 16;

    public static int Run(string[] args)
    {
        var orders = Option(args, "--orders", 200_000);
        var httpOrders = Option(args, "--http-orders", 20_000);
        var rate = Option(args, "--rate", 2_000);
        var seconds = Option(args, "--seconds", 20);
        var warmup = Option(args, "--warmup-orders", 20_000);
        var sampleAllocations = Array.IndexOf(args, "--alloc-sample") >= 0;
        var separator = Array.IndexOf(args, "--");
        string[] silo = separator < 0 ? [] : args[(separator + 1)..]; // settings for the silo, e.g. --History:Enabled=false
        RunAsync(orders, warmup, httpOrders, rate, seconds, silo, sampleAllocations).GetAwaiter().GetResult();
        return 0;
    }

    private static async Task RunAsync(int orderCount, int warmupOrders, int httpOrders, int rate, int seconds, string[] siloSettings, bool sampleAllocations)
    {
        var clusterId = $"bench_{Guid.NewGuid():N}"[..16];
        const string url = "http://127.0.0.1:5097";
        var settings = new List<string>
        {
            "--Cluster:Mode=Kafka", $"--Cluster:ClusterId={clusterId}", "--Gateway:Enabled=true", $"--Urls={url}",
            "--Logging:LogLevel:Default=Warning", $"--Auth:MasterKey={MasterKey}",
            "--Auth:RateLimit:PermitsPerSecond=1000000", "--Auth:RateLimit:Burst=1000000",
        };
        foreach (var (name, _) in new TopicOptions().All()) settings.Add($"--Topics:{name}={clusterId}.{name}");
        for (var u = 0; u < HttpUsers; u++)
        {
            settings.Add($"--Auth:BootstrapKeys:{u}:ApiKey=bench-{u}-{clusterId}");
            settings.Add($"--Auth:BootstrapKeys:{u}:UserId={100 + u}");
            settings.Add($"--Auth:BootstrapKeys:{u}:Role=User");
        }
        settings.AddRange(siloSettings);
        await using var app = SiloProgram.Build([.. settings]);
        await app.StartAsync();
        var services = app.Services;
        var client = services.GetRequiredService<IClusterClient>();
        var symbols = services.GetRequiredService<SymbolCatalog>();
        var trading = services.GetRequiredService<TradingService>();
        var log = services.GetRequiredService<IMessageLog>();
        var topics = new TopicOptions().All().ToDictionary(t => t.Name, t => $"{clusterId}.{t.Name}");

        SymbolSpec? spec = null;
        var joinWatch = Stopwatch.StartNew();
        while (spec is null)
        {
            try { spec = await symbols.FindAsync("BTCUSDT", CancellationToken.None); }
            catch (TimeoutException) { }
            if (spec is null) await Task.Delay(200);
        }
        Console.WriteLine($"startup_to_symbols_ms: {joinWatch.ElapsedMilliseconds}");
        const int users = 1000;
        await Task.WhenAll(Enumerable.Range(0, users).Select(u => trading.DepositAsync(1000 + u, "USDT", Money.FromDecimal(1_000_000_000m), CancellationToken.None)));
        await Task.WhenAll(Enumerable.Range(0, HttpUsers).Select(u => trading.DepositAsync(100 + u, "USDT", Money.FromDecimal(1_000_000_000m), CancellationToken.None)));
        await trading.SetMarkPriceAsync("BTCUSDT", spec.PriceToTicks(50_000m), CancellationToken.None);

        // 1. Cluster client: crossing pairs (a resting sell, then a buy that takes it) from 1,000 users. A warm-up of the same
        // flow runs first and drains, unmeasured: the figure is the sustained rate, not JIT tiering and first activations.
        var price = spec.PriceToTicks(50_000m);
        var idBase = 1L << 40;
        if (warmupOrders > 0)
        {
            var warmupMatched = Count(log, topics["MatchResults"]);
            await SendCrossingPairsAsync(client, spec, price, idBase, warmupOrders, users);
            await DrainAsync(log, topics, warmupMatched, warmupOrders, "warm-up match results");
            idBase += warmupOrders;
        }
        var matchedBefore = Count(log, topics["MatchResults"]);
        var positionsBefore = Count(log, topics["Positions"]);
        var fillsBefore = Count(log, topics["PositionsFills"]);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        int gen1Before = GC.CollectionCount(1), gen2Before = GC.CollectionCount(2);
        var jitMethodsBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        var jitTimeBefore = System.Runtime.JitInfo.GetCompilationTime();
        using var allocations = sampleAllocations ? new AllocationSampler() : null;
        allocations?.Start();
        var watch = Stopwatch.StartNew();
        await SendCrossingPairsAsync(client, spec, price, idBase, orderCount, users);
        var produced = watch.Elapsed;
        Console.WriteLine($"cluster_client_produce_seconds: {produced.TotalSeconds:F2}");
        await WaitFor(() => Count(log, topics["MatchResults"]) - matchedBefore >= orderCount, TimeSpan.FromMinutes(5),
            () => $"match results {Count(log, topics["MatchResults"]) - matchedBefore} of {orderCount}, requests {Count(log, topics["OrdersRequests"])}, commands {Count(log, topics["OrdersCommands"])}");
        var matched = watch.Elapsed;
        // Every order and every fill gives its user one update on positions.
        var fills = Count(log, topics["PositionsFills"]) - fillsBefore;
        await WaitFor(() => Count(log, topics["Positions"]) - positionsBefore >= orderCount + fills, TimeSpan.FromMinutes(5),
            () => $"position updates {Count(log, topics["Positions"]) - positionsBefore} of {orderCount + fills}");
        var settled = watch.Elapsed;
        allocations?.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore; // client + silo, not the broker
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        int gen1 = GC.CollectionCount(1) - gen1Before, gen2 = GC.CollectionCount(2) - gen2Before;
        var jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethodsBefore;
        var jitTime = System.Runtime.JitInfo.GetCompilationTime() - jitTimeBefore;
        Console.WriteLine($"cluster_client_warmup_orders: {warmupOrders}");
        Console.WriteLine($"cluster_client_orders: {orderCount}");
        Console.WriteLine($"cluster_client_orders_accepted_per_second: {orderCount / produced.TotalSeconds:F0}");
        Console.WriteLine($"cluster_client_orders_matched_per_second: {orderCount / matched.TotalSeconds:F0}");
        Console.WriteLine($"cluster_client_orders_settled_per_second: {orderCount / settled.TotalSeconds:F0}");
        Console.WriteLine($"cluster_client_process_cpu_us_per_order: {cpu.TotalMicroseconds / orderCount:F1}");
        Console.WriteLine($"cluster_client_allocated_bytes_per_order: {allocated / orderCount}");
        Console.WriteLine($"cluster_client_gc_gen1_gen2: {gen1}/{gen2}");
        Console.WriteLine($"cluster_client_jit_methods_compiled: {jitMethods}"); // tier-ups included: a steady state compiles few
        Console.WriteLine($"cluster_client_jit_ms: {jitTime.TotalMilliseconds:F0}");
        allocations?.Print("cluster_client");

        // 2. HTTP, signed, fire and forget (202), after an unmeasured warm-up of a tenth as many orders through the same path
        // (JIT of the HTTP stack, connection pool), drained before the measured part.
        // Bounded connections: an open-loop phase must queue in the client, not open a socket per late request.
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 128 }) { BaseAddress = new Uri(url) };
        var httpWarmup = Math.Max(1, httpOrders / 10);
        var matchedBeforeHttp = Count(log, topics["MatchResults"]);
        await PlaceFireAndForgetAsync(http, clusterId, 0, httpWarmup);
        await DrainAsync(log, topics, matchedBeforeHttp, httpWarmup, "HTTP warm-up match results");
        var httpWatch = Stopwatch.StartNew();
        await PlaceFireAndForgetAsync(http, clusterId, httpWarmup, httpOrders);
        Console.WriteLine($"http_signed_warmup_orders: {httpWarmup}");
        Console.WriteLine($"http_signed_orders: {httpOrders}");
        Console.WriteLine($"http_signed_orders_per_second: {httpOrders / httpWatch.Elapsed.TotalSeconds:F0}");

        // The fire-and-forget orders are still being matched and settled: let the cluster drain before measuring latency.
        await DrainAsync(log, topics, matchedBeforeHttp, httpWarmup + httpOrders, "match results");

        // 3. Latency of place-with-wait at a fixed rate (open loop: sends follow the schedule, not the answers),
        // after a warm-up at the same rate that is not measured (JIT tiers, connection pool, grain activations).
        await PlaceAtRateAsync(http, clusterId, rate, Math.Max(1, seconds / 5), new double[rate * Math.Max(1, seconds / 5)]);
        var total = rate * seconds;
        var latencies = new double[total];
        await PlaceAtRateAsync(http, clusterId, rate, seconds, latencies);
        Array.Sort(latencies);
        Console.WriteLine($"place_wait_rate_per_second: {rate}");
        Console.WriteLine($"place_wait_latency_p50_ms: {Percentile(latencies, 0.50):F2}");
        Console.WriteLine($"place_wait_latency_p99_ms: {Percentile(latencies, 0.99):F2}");
        Console.WriteLine($"place_wait_latency_p999_ms: {Percentile(latencies, 0.999):F2}");
        await app.StopAsync();
    }

    /// <summary>
    /// Sends <paramref name="count"/> orders as crossing pairs at one price, at most 20,000 in flight. Pair k's sell comes
    /// from one user and its buy from the next, so every user sells and buys equally often: positions stay within the first
    /// risk bracket however long the run (always selling users would reach the bracket's limit and be rejected).
    /// </summary>
    private static async Task SendCrossingPairsAsync(IClusterClient client, SymbolSpec spec, long price, long idBase, int count, int users)
    {
        using var window = new SemaphoreSlim(20_000);
        var sends = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            await window.WaitAsync();
            var submit = new SubmitOrder
            {
                OrderId = idBase + i, Spec = spec, Side = i % 2 == 0 ? OrderSide.Sell : OrderSide.Buy, Type = OrderType.Limit,
                TimeInForce = TimeInForce.Gtc, Price = price, Quantity = 1, WorstPrice = price,
            };
            var user = (1000 + PairUser(i, 7919, users)).ToString(CultureInfo.InvariantCulture);
            sends.Add(client.SendAsync<IPositionGrain>(user, submit).ContinueWith(_ => window.Release(), TaskScheduler.Default));
        }
        await Task.WhenAll(sends);
    }

    /// <summary>Orders <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> from 64 concurrent senders, each expecting 202.</summary>
    private static Task PlaceFireAndForgetAsync(HttpClient http, string clusterId, int first, int count)
    {
        var next = first - 1;
        var end = first + count;
        return Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < end)
                using (var response = await PlaceAsync(http, clusterId, HttpUser(n), HttpSide(n), wait: false))
                    if ((int)response.StatusCode != 202) throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }));
    }

    /// <summary>
    /// The user (0 to <paramref name="users"/> - 1) of order <paramref name="n"/> of a run of crossing pairs: pair n/2's sell
    /// comes from user n/2 * <paramref name="stride"/> and its buy from the next, so every user sells and buys equally often
    /// and no position grows one way for the whole run.
    /// </summary>
    private static int PairUser(int n, int stride, int users) => (n / 2 * stride + n % 2) % users;

    private static int HttpUser(int n) => PairUser(n, 1, HttpUsers);

    private static string HttpSide(int n) => n % 2 == 0 ? "SELL" : "BUY";

    private static async Task PlaceAtRateAsync(HttpClient http, string clusterId, int rate, int seconds, double[] latencies)
    {
        var total = rate * seconds;
        var start = Stopwatch.GetTimestamp();
        var pending = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            var index = i;
            pending.Add(Task.Run(async () =>
            {
                var sent = Stopwatch.GetTimestamp();
                using var response = await PlaceAsync(http, clusterId, HttpUser(index), HttpSide(index), wait: true);
                latencies[index] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"HTTP {(int)response.StatusCode}");
            }));
        }
        await Task.WhenAll(pending);
    }

    /// <summary>
    /// Waits until <paramref name="expected"/> match results have come since <paramref name="matchedBefore"/>, then until
    /// the position updates stop (the settlement of those orders is over).
    /// </summary>
    private static async Task DrainAsync(IMessageLog log, Dictionary<string, string> topics, long matchedBefore, long expected, string what)
    {
        await WaitFor(() => Count(log, topics["MatchResults"]) - matchedBefore >= expected, TimeSpan.FromMinutes(5),
            () => $"{what} {Count(log, topics["MatchResults"]) - matchedBefore} of {expected}");
        await WaitForQuiet(() => Count(log, topics["Positions"]), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(2));
    }

    /// <summary>Waits until <paramref name="value"/> has not changed for <paramref name="quiet"/>.</summary>
    private static async Task WaitForQuiet(Func<long> value, TimeSpan quiet, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        var last = value();
        var since = Stopwatch.StartNew();
        while (since.Elapsed < quiet && deadline.Elapsed < timeout)
        {
            await Task.Delay(50);
            var now = value();
            if (now != last) { last = now; since.Restart(); }
        }
    }

    private static Task<HttpResponseMessage> PlaceAsync(HttpClient http, string clusterId, int user, string side, bool wait)
    {
        var path = wait ? "/api/orders?wait=true" : "/api/orders";
        var body = $$"""{"symbol":"BTCUSDT","side":"{{side}}","type":"LIMIT","price":"50000","quantity":"0.001"}""";
        var key = $"bench-{user}-{clusterId}";
        var secret = Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(MasterKey), Encoding.UTF8.GetBytes(key)));
        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(ts + "POST" + path + body)));
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-API-KEY", key);
        request.Headers.Add("X-TIMESTAMP", ts);
        request.Headers.Add("X-SIGNATURE", signature);
        return http.SendAsync(request);
    }

    private static long Count(IMessageLog log, string topic)
    {
        using var reader = log.CreateReader();
        long sum = 0;
        for (var p = 0; p < log.PartitionCount(topic); p++)
        {
            var (low, high) = reader.Watermarks(new TopicPartition(topic, p));
            sum += high - low;
        }
        return sum;
    }

    private static async Task WaitFor(Func<bool> condition, TimeSpan timeout, Func<string>? progress = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout) throw new TimeoutException("the cluster did not finish in time: " + progress?.Invoke());
            await Task.Delay(20);
        }
    }

    private static double Percentile(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
