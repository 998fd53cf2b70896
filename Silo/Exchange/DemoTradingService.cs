using Trading.Client.Api.Exchange;
using Trading.Grains.Matching;
using Trading.Grains.Symbols;

namespace Trading.Silo.Exchange;

/// <summary>
/// The embedded demo (<c>--demo</c>): a market maker quoting five levels a side around a random-walking mid
/// price, and a few random traders taking liquidity, so a newcomer sees trades at once. Users 9001 (maker)
/// and 9002-9005 (traders); mark prices follow the mid.
/// </summary>
internal sealed class DemoTradingService(TradingService trading, SymbolCatalog symbols, ILogger<DemoTradingService> logger) : BackgroundService
{
    private const long MakerId = 9001;
    private static readonly long[] TraderIds = [9002, 9003, 9004, 9005];
    private static readonly Dictionary<string, decimal> StartPrices = new() { ["BTCUSDT"] = 60_000m, ["ETHUSDT"] = 3_000m };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<SymbolSpec> specs = [];
        while (!stoppingToken.IsCancellationRequested && specs.Count == 0)
        {
            try
            {
                specs = [.. (await symbols.AllAsync(stoppingToken)).Where(s => StartPrices.ContainsKey(s.Symbol))];
            }
            catch (TimeoutException) { }
            if (specs.Count == 0) await Task.Delay(500, stoppingToken);
        }
        foreach (var user in TraderIds.Prepend(MakerId))
            await trading.DepositAsync(user, "USDT", Money.FromDecimal(user == MakerId ? 10_000_000m : 100_000m), stoppingToken);
        logger.LogInformation("Demo trading started on {Symbols}: maker {Maker}, traders {Traders}",
            string.Join(",", specs.Select(s => s.Symbol)), MakerId, string.Join(",", TraderIds));

        var random = new Random(42);
        var mids = specs.ToDictionary(s => s.Symbol, s => s.PriceToTicks(StartPrices[s.Symbol]));
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var spec in specs)
            {
                try
                {
                    await TickAsync(spec, mids, random, stoppingToken);
                }
                catch (Exception e) when (e is TimeoutException or IOException)
                {
                    logger.LogWarning(e, "Demo round on {Symbol} failed", spec.Symbol);
                }
            }
            await Task.Delay(1000, stoppingToken);
        }
    }

    private async Task TickAsync(SymbolSpec spec, Dictionary<string, long> mids, Random random, CancellationToken ct)
    {
        var mid = mids[spec.Symbol] = Math.Max(1, mids[spec.Symbol] + mids[spec.Symbol] * random.Next(-20, 21) / 10_000);
        await trading.SetMarkPriceAsync(spec.Symbol, mid, ct);
        await trading.CancelAllAsync(MakerId, spec.Symbol, ct);
        var step = Math.Max(1, mid / 5_000);
        var size = Math.Max(spec.MinQtyLots, spec.QuantityToLots(StartPrices[spec.Symbol] >= 10_000 ? 0.05m : 1m));
        for (var level = 1; level <= 5; level++)
        {
            await Quote(OrderSide.Buy, mid - level * step);
            await Quote(OrderSide.Sell, mid + level * step);
        }
        var trader = TraderIds[random.Next(TraderIds.Length)];
        var draft = new OrderDraft
        {
            Spec = spec, Side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell, Type = OrderType.Market, TimeInForce = TimeInForce.Ioc,
            Quantity = size * random.Next(1, 4) / 2 + spec.MinQtyLots,
        };
        await trading.PlaceAsync(trader, draft, wait: false, ct);

        Task Quote(OrderSide side, long price) => trading.PlaceAsync(MakerId, new OrderDraft
        {
            Spec = spec, Side = side, Type = OrderType.Limit, TimeInForce = TimeInForce.Gtc, Price = price, Quantity = size,
        }, wait: false, ct);
    }
}
