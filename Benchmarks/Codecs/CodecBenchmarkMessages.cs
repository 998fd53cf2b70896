using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Margin;
using Trading.Grains.Matching;
using Trading.Grains.Symbols;
using OrderView = Trading.Grains.Interfaces.Exchange.OrderView;

namespace Trading.Benchmarks.Codecs;

/// <summary>
/// Typical instances of the hot messages, for the codec benchmark: a limit order on BTCUSDT with the spec of
/// <c>config/appsettings.json</c> (four maintenance brackets), a fill's two per-user events (accepted, trade) and the
/// account update that follows it.
/// </summary>
public static class CodecBenchmarkMessages
{
    private const long Time = 1_795_000_000_123;

    public static SymbolSpec Spec() => new()
    {
        Symbol = "BTCUSDT", BaseAsset = "BTC", QuoteAsset = "USDT", Kind = ContractKind.UsdtPerpetual, TickSize = 0.1m, StepSize = 0.001m,
        MinQtyLots = 1, MaxQtyLots = 1_000_000, MinNotional = 5 * Money.Scale, PriceBandPpm = 50_000, MarketProtectionTicks = 5_000,
        MakerFeePpm = 200, TakerFeePpm = 400, MaxLeverage = 125,
        Brackets =
        [
            new MaintenanceBracket(0, 50_000 * Money.Scale, 125, 4_000, 0),
            new MaintenanceBracket(50_000 * Money.Scale, 500_000 * Money.Scale, 100, 5_000, 50 * Money.Scale),
            new MaintenanceBracket(500_000 * Money.Scale, 10_000_000 * Money.Scale, 50, 10_000, 2_550 * Money.Scale),
            new MaintenanceBracket(10_000_000 * Money.Scale, 100_000_000 * Money.Scale, 20, 25_000, 152_550 * Money.Scale),
        ],
    };

    public static SubmitOrder SubmitOrder() => new()
    {
        OrderId = 1_234_567_890, Spec = Spec(), Side = OrderSide.Buy, Type = OrderType.Limit, TimeInForce = TimeInForce.Gtc,
        Price = 650_001, Quantity = 25, WorstPrice = 650_001, ClientOrderId = 0x5A17_C0DE_1234_5678, ClientOrderIdText = "web-1795000000123-7",
    };

    public static BookEvent Accepted() => new()
    {
        Sequence = 98_765_432, Timestamp = Time, Kind = MatchEventKind.Accepted, Command = BookCommandKind.Place, OrderId = 1_234_567_890,
        UserId = 4_242, ClientOrderId = 0x5A17_C0DE_1234_5678, Side = OrderSide.Buy, Type = OrderType.Limit, Status = OrderStatus.New,
        Price = 650_001, Quantity = 25,
    };

    public static BookEvent Trade() => Accepted() with
    {
        Sequence = 98_765_433, Kind = MatchEventKind.Trade, Status = OrderStatus.PartiallyFilled, Quantity = 10, FilledQuantity = 10,
        TradeSequence = 5_555_001, MakerOrderId = 1_234_000_001, MakerUserId = 17, MakerFilledQuantity = 10, MakerStatus = OrderStatus.Filled,
        Price = 650_000, Notional = 650_000 * 10 * 10_000L, MakerFee = 130_000, TakerFee = 260_000,
    };

    public static UserBookEvents UserBookEvents() => new("BTCUSDT", 4_242, [Accepted(), Trade()]);

    public static UserUpdate UserUpdate() => new(4_242, "BTCUSDT", Time,
        [
            new OrderView
            {
                OrderId = 1_234_567_890, Symbol = "BTCUSDT", ClientOrderId = "web-1795000000123-7", Side = OrderSide.Buy, Type = OrderType.Limit,
                Price = 650_001, Quantity = 25, FilledQuantity = 10, FilledNotional = 65_000_000_000, Fees = 260_000,
                Status = OrderStatus.PartiallyFilled, CreateTime = Time, UpdateTime = Time, WorstPrice = 650_001,
            },
        ],
        [new TradeView(5_555_001, "BTCUSDT", 1_234_567_890, OrderSide.Buy, 650_000, 10, 65_000_000_000, 260_000, 0, false, false, Time)],
        new PositionView("BTCUSDT", PositionSide.Long, PositionMode.Cross, 20, 10, 65_000_000_000, 650_000, 650_100, 10_000_000, 0, 3_250_000_000,
            260_000_000, 80_000, 0, PositionStatus.Open, 0, 10, LockStatus.None, Time - 60_000, Time),
        [new BalanceView("USDT", 1_000_000 * Money.Scale, 996_000 * Money.Scale, 650_000_000, 0, 10_000_000, 260_000, 0)]);
}
