using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Margin;
using Trading.Grains.Matching;
using Trading.Grains.Symbols;
using OrderView = Trading.Grains.Interfaces.Exchange.OrderView;

namespace Trading.Tests.Exchange.Codecs;

/// <summary>
/// Hand-made instances of every message with a codec, every property set, with the awkward values a layout gets
/// wrong: extremes of long, negatives, nulls next to empty strings and lists, decimals with trailing zeros.
/// </summary>
internal static class CodecSamples
{
    public static SymbolSpec Spec() => new()
    {
        Symbol = "BTCUSDT", BaseAsset = "BTC", QuoteAsset = "USDT€", Kind = ContractKind.Spot, TickSize = 0.10m, StepSize = 0.00100m,
        MinQtyLots = 1, MaxQtyLots = long.MaxValue, MinNotional = 5_00000000, PriceBandPpm = 50_000, MarketProtectionTicks = 1_000,
        MakerFeePpm = -100, TakerFeePpm = 400, MaxLeverage = 125,
        Brackets =
        [
            new MaintenanceBracket(0, 50_000_00000000, 125, 4_000, 0),
            new MaintenanceBracket(50_000_00000000, long.MaxValue, 1, 999_999, -long.MaxValue),
            new MaintenanceBracket(long.MinValue, -1, int.MinValue, long.MinValue, long.MinValue),
        ],
    };

    public static SubmitOrder SubmitOrder() => new()
    {
        OrderId = long.MaxValue, Spec = Spec(), Side = OrderSide.Sell, Type = OrderType.TakeProfitMarket, TimeInForce = TimeInForce.Gtx,
        Price = -1, StopPrice = 123_456_789, Quantity = long.MinValue, WorstPrice = 64, ReduceOnly = true, PositionAction = PositionAction.Close,
        WorkingType = WorkingType.MarkPrice, SelfTradePrevention = SelfTradePrevention.ExpireBoth, ProtectionTicks = -1,
        ClientOrderId = -7_777_777_777, ClientOrderIdText = "client-\"id\"-€-\U0001F680",
    };

    public static BookPlace BookPlace() => new()
    {
        OrderId = 1, UserId = long.MaxValue, ClientOrderId = long.MinValue, Side = OrderSide.Sell, Type = OrderType.StopLimit,
        TimeInForce = TimeInForce.Fok, Price = 500_000, StopPrice = -500_000, Quantity = 3, ProtectionTicks = -1,
        WorkingType = WorkingType.MarkPrice, SelfTradePrevention = SelfTradePrevention.ExpireMaker, ReduceOnly = true,
        PositionAction = PositionAction.Open, Liquidation = true,
    };

    public static BookCancel BookCancel() => new(long.MaxValue, -42, long.MinValue, true);

    public static BookAmend BookAmend() => new(9, 10, long.MinValue, long.MaxValue);

    public static BookEvent Trade(long sequence) => new()
    {
        Sequence = sequence, Timestamp = 1_795_000_000_123, Kind = MatchEventKind.Trade, Command = BookCommandKind.Amend,
        Reason = sequence % 2 == 0 ? null : "SELF_TRADE_€", OrderId = long.MaxValue - sequence, UserId = 42, ClientOrderId = long.MinValue,
        Side = OrderSide.Sell, Type = OrderType.Market, TimeInForce = TimeInForce.Ioc, Status = OrderStatus.PartiallyFilled,
        Price = 500_001, Quantity = 7, FilledQuantity = 3, StopPrice = -3, ReduceOnly = true, PositionAction = PositionAction.Close,
        Liquidation = true, PriorityKept = true, TradeSequence = sequence * 3, MakerOrderId = long.MinValue + sequence, MakerUserId = -1,
        MakerClientOrderId = 88, MakerFilledQuantity = long.MaxValue, MakerStatus = OrderStatus.Filled, Notional = 3_500_007_000_000,
        MakerFee = -350_000, TakerFee = 1_400_001,
    };

    public static MatchResult MatchResult() => new("BTCUSDT", [Trade(1), Trade(2), Trade(3)]);

    public static UserBookEvents UserBookEvents() => new("ETHUSDT", long.MinValue, [Trade(4), Trade(5)]);

    public static MarkPriceUpdate MarkPriceUpdate() => new("SOLUSDT", long.MaxValue, -1);

    public static OrderResult OrderResult() => new(long.MinValue, "BTCUSDT", OrderStatus.Expired, "FOK_NOT_FILLED", long.MaxValue, [Trade(6)]);

    public static OrderView OrderView(long id) => new()
    {
        OrderId = id, Symbol = "BTCUSDT", ClientOrderId = id % 2 == 0 ? null : "", Side = OrderSide.Sell, Type = OrderType.StopMarket,
        TimeInForce = TimeInForce.Gtx, Price = long.MinValue, StopPrice = long.MaxValue, Quantity = 100, FilledQuantity = 50,
        FilledNotional = 2_500_000_00000000, Fees = -1, Status = OrderStatus.Canceled, Reason = "USER_CANCELED", ReduceOnly = true,
        PositionAction = PositionAction.Open, Liquidation = true, CreateTime = 1_795_000_000_000, UpdateTime = -5, WorstPrice = 510_000,
    };

    public static TradeView TradeView(long id) => new(id, "BTCUSDT", long.MaxValue, OrderSide.Sell, 500_000, -3, long.MinValue, -1_000, 77, true, true,
        1_795_000_000_999);

    public static PositionView PositionView() => new("BTCUSDT", PositionSide.Short, PositionMode.Cross, 125, -42, 7, 500_001, 500_002, -3, 4,
        long.MaxValue, long.MinValue, 123_456, 480_000, PositionStatus.Liquidating, 5, 6, LockStatus.PartiallyLocked, 1_795_000_000_000, -1);

    public static BalanceView BalanceView(string asset) => new(asset, long.MaxValue, long.MinValue, 1, -1, 0, 64, -65);

    public static UserUpdate UserUpdate() => new(4242, "BTCUSDT", 1_795_000_200_123, [OrderView(1), OrderView(2)], [TradeView(10), TradeView(11)],
        PositionView(), [BalanceView("USDT"), BalanceView("BTC"), BalanceView("")]);

    /// <summary>One sample of each message type that has a codec, with the type it is.</summary>
    public static IReadOnlyList<object> All() =>
    [
        Spec(), SubmitOrder(), BookPlace(), BookCancel(), BookAmend(), Trade(1), MatchResult(), UserBookEvents(), MarkPriceUpdate(),
        OrderResult(), OrderView(1), TradeView(1), PositionView(), BalanceView("USDT"), UserUpdate(),
        // Nulls and empty lists where the others have values.
        new UserUpdate(0, null, 0, [], [], null, []),
        new MatchResult("", []),
        SubmitOrder() with { ClientOrderIdText = null, Spec = Spec() with { Brackets = [] } },
    ];
}
