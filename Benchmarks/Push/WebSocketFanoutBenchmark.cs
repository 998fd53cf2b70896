using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Trading.Client.Api.Exchange;
using Trading.Client.Api.Push;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Matching;
using Trading.Grains.Symbols;
using Trading.Runtime.Client;
using Trading.Silo;

namespace Trading.Benchmarks.Push;

/// <summary>
/// WebSocket fan-out: the embedded system (silo + gateway, in-memory log) on a loopback port, N real WebSocket
/// clients subscribed to one symbol's trades, and crossing order pairs at a fixed rate (one trade frame each).
/// Prints one <c>name: value</c> line per figure: frames delivered per second over all clients, the fan-out
/// latency (gateway serialized the frame -> client read it) and the end-to-end latency (order sent -> client read the trade).
/// A warm-up phase (<c>--warmup-seconds</c>, default 3, at the same rate) runs first and is not measured: the
/// figures are the steady state, after the JIT has optimized the hot paths (tiered compilation), as on a server that
/// has been up for more than a few seconds.
/// <code>dotnet run -c Release --project Benchmarks -- ws-fanout [--clients 1000] [--rate 200] [--seconds 10] [--warmup-seconds 3] [--port 5098]</code>
/// </summary>
public static class WebSocketFanoutBenchmark
{
    private const string Symbol = "BTCUSDT";

    public static int Run(string[] args)
    {
        var clients = Option(args, "--clients", 1_000);
        var rate = Option(args, "--rate", 200);
        var seconds = Option(args, "--seconds", 10);
        var warmup = Option(args, "--warmup-seconds", 3);
        var port = Option(args, "--port", 5098);
        return RunAsync(clients, rate, seconds, warmup, port).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int clientCount, int rate, int seconds, int warmupSeconds, int port)
    {
        var url = $"http://127.0.0.1:{port}";
        await using var app = SiloProgram.Build(["--Cluster:Mode=Embedded", $"--Urls={url}", "--Logging:LogLevel:Default=Warning",
            "--Auth:RateLimit:PermitsPerSecond=1000000", "--Auth:RateLimit:Burst=1000000"]); // 1,000 upgrades from one address
        await app.StartAsync();
        var services = app.Services;
        var trading = services.GetRequiredService<TradingService>();
        var client = services.GetRequiredService<IClusterClient>();
        var statistics = services.GetRequiredService<PushStatistics>();
        var spec = await WaitForSymbolAsync(services.GetRequiredService<SymbolCatalog>());
        const long maker = 500, taker = 501;
        await trading.DepositAsync(maker, "USDT", Money.FromDecimal(1_000_000_000m), CancellationToken.None);
        await trading.DepositAsync(taker, "USDT", Money.FromDecimal(1_000_000_000m), CancellationToken.None);
        await trading.SetMarkPriceAsync(Symbol, spec.PriceToTicks(50_000m), CancellationToken.None);

        var fanout = new LatencyHistogram();
        var endToEnd = new LatencyHistogram();
        var connectWatch = Stopwatch.StartNew();
        var clients = new FanoutClient[clientCount];
        var uri = new Uri($"ws://127.0.0.1:{port}/ws");
        for (var batch = 0; batch < clientCount; batch += 50)
        {
            var tasks = new List<Task>();
            for (var i = batch; i < Math.Min(clientCount, batch + 50); i++)
            {
                var index = i;
                tasks.Add(Task.Run(async () => clients[index] = await FanoutClient.ConnectAsync(uri, Symbol, fanout, endToEnd)));
            }
            await Task.WhenAll(tasks);
        }
        Console.WriteLine($"clients: {clientCount}");
        Console.WriteLine($"connect_all_ms: {connectWatch.ElapsedMilliseconds}");
        using var stop = new CancellationTokenSource();
        var receivers = new Task[clientCount];
        for (var i = 0; i < clientCount; i++) receivers[i] = clients[i].ReceiveAsync(stop.Token);

        var price = spec.PriceToTicks(50_000m);
        var idBase = 1L << 41;
        if (warmupSeconds > 0)
        {
            var warmupPairs = rate * warmupSeconds;
            await SendPairsAsync(client, spec, price, maker, taker, idBase, warmupPairs, rate);
            await WaitForDeliveryAsync(clients, (long)warmupPairs * clientCount);
            idBase += 2L * warmupPairs;
            fanout.Clear();
            endToEnd.Clear();
        }
        var before = Total(clients);

        var pairs = rate * seconds;
        var startedAt = DateTimeOffset.UtcNow.UtcTicks;
        var sentSeconds = await SendPairsAsync(client, spec, price, maker, taker, idBase, pairs, rate);
        var expected = (long)pairs * clientCount;
        var total = await WaitForDeliveryAsync(clients, before + expected) - before;
        long lastAt = startedAt;
        foreach (var c in clients) lastAt = Math.Max(lastAt, c.LastReceivedAt);
        var deliverySeconds = (lastAt - startedAt) / (double)TimeSpan.TicksPerSecond;
        stop.Cancel();
        await Task.WhenAll(receivers);
        var closed = 0;
        foreach (var c in clients) if (c.Closed) closed++;

        Console.WriteLine($"warmup_seconds: {warmupSeconds}");
        Console.WriteLine($"trades_sent: {pairs}");
        Console.WriteLine($"trade_rate_per_sec: {pairs / sentSeconds:F0}");
        Console.WriteLine($"messages_expected: {expected}");
        Console.WriteLine($"messages_delivered: {total}");
        Console.WriteLine($"messages_per_sec: {total / deliverySeconds:F0}");
        Console.WriteLine($"p50_ms: {fanout.Percentile(0.50):F1}");
        Console.WriteLine($"p99_ms: {fanout.Percentile(0.99):F1}");
        Console.WriteLine($"p999_ms: {fanout.Percentile(0.999):F1}");
        Console.WriteLine($"end_to_end_p50_ms: {endToEnd.Percentile(0.50):F1}");
        Console.WriteLine($"end_to_end_p99_ms: {endToEnd.Percentile(0.99):F1}");
        Console.WriteLine($"slow_clients_dropped: {statistics.SlowClientsDropped}");
        Console.WriteLine($"clients_closed_by_server: {closed}");
        foreach (var c in clients) await c.CloseAsync();
        await app.StopAsync();
        return total == expected && statistics.SlowClientsDropped == 0 ? 0 : 2;
    }

    /// <summary>Crossing pairs at a fixed rate (open loop): a resting sell, then a buy that takes it. Returns the seconds it took.</summary>
    private static async Task<double> SendPairsAsync(IClusterClient client, SymbolSpec spec, long price, long maker, long taker, long idBase, int pairs, int rate)
    {
        var start = Stopwatch.GetTimestamp();
        var sends = new List<Task>(pairs * 2);
        for (var i = 0; i < pairs; i++)
        {
            var wait = TimeSpan.FromSeconds((double)i / rate) - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            sends.Add(client.SendAsync<IPositionGrain>(maker.ToString(CultureInfo.InvariantCulture), Order(idBase + 2 * i, spec, OrderSide.Sell, price)));
            sends.Add(client.SendAsync<IPositionGrain>(taker.ToString(CultureInfo.InvariantCulture), Order(idBase + 2 * i + 1, spec, OrderSide.Buy, price)));
        }
        await Task.WhenAll(sends);
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>Waits until the clients hold <paramref name="expected"/> trade frames in all, or nothing arrives for 5 s; returns the total.</summary>
    private static async Task<long> WaitForDeliveryAsync(FanoutClient[] clients, long expected)
    {
        var lastTotal = -1L;
        var quietSince = Stopwatch.GetTimestamp();
        long total;
        while ((total = Total(clients)) < expected)
        {
            if (total != lastTotal)
            {
                lastTotal = total;
                quietSince = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(quietSince) > TimeSpan.FromSeconds(5)) break;
            await Task.Delay(50);
        }
        return total;
    }

    private static SubmitOrder Order(long id, SymbolSpec spec, OrderSide side, long price) => new()
    {
        OrderId = id, Spec = spec, Side = side, Type = OrderType.Limit, TimeInForce = TimeInForce.Gtc, Price = price, Quantity = 1, WorstPrice = price,
    };

    private static long Total(FanoutClient[] clients)
    {
        long total = 0;
        foreach (var c in clients) total += c.Received;
        return total;
    }

    private static async Task<SymbolSpec> WaitForSymbolAsync(SymbolCatalog symbols)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if (await symbols.FindAsync(Symbol, CancellationToken.None) is { } spec) return spec;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Symbol} not bootstrapped");
            await Task.Delay(200);
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
