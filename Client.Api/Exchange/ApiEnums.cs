using Trading.Grains.Margin;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Matching;

namespace Trading.Client.Api.Exchange;

/// <summary>The API's names of the engine's enums, as Binance futures spells them.</summary>
public static class ApiEnums
{
    public static readonly IReadOnlyDictionary<string, OrderSide> Sides = new Dictionary<string, OrderSide>
    {
        ["BUY"] = OrderSide.Buy, ["SELL"] = OrderSide.Sell,
    };

    public static readonly IReadOnlyDictionary<string, OrderType> Types = new Dictionary<string, OrderType>
    {
        ["LIMIT"] = OrderType.Limit, ["MARKET"] = OrderType.Market, ["STOP"] = OrderType.StopLimit, ["STOP_LIMIT"] = OrderType.StopLimit,
        ["STOP_MARKET"] = OrderType.StopMarket, ["TAKE_PROFIT"] = OrderType.TakeProfit, ["TAKE_PROFIT_MARKET"] = OrderType.TakeProfitMarket,
    };

    public static readonly IReadOnlyDictionary<string, TimeInForce> TimesInForce = new Dictionary<string, TimeInForce>
    {
        ["GTC"] = TimeInForce.Gtc, ["IOC"] = TimeInForce.Ioc, ["FOK"] = TimeInForce.Fok, ["GTX"] = TimeInForce.Gtx,
    };

    public static readonly IReadOnlyDictionary<string, WorkingType> WorkingTypes = new Dictionary<string, WorkingType>
    {
        ["CONTRACT_PRICE"] = WorkingType.LastPrice, ["MARK_PRICE"] = WorkingType.MarkPrice,
    };

    public static readonly IReadOnlyDictionary<string, PositionAction> PositionActions = new Dictionary<string, PositionAction>
    {
        ["OPEN"] = PositionAction.Open, ["CLOSE"] = PositionAction.Close,
    };

    public static readonly IReadOnlyDictionary<string, SelfTradePrevention> SelfTradePreventions = new Dictionary<string, SelfTradePrevention>
    {
        ["NONE"] = SelfTradePrevention.None, ["EXPIRE_TAKER"] = SelfTradePrevention.ExpireTaker,
        ["EXPIRE_MAKER"] = SelfTradePrevention.ExpireMaker, ["EXPIRE_BOTH"] = SelfTradePrevention.ExpireBoth,
    };

    public static readonly IReadOnlyDictionary<string, OrderStatus> Statuses = new Dictionary<string, OrderStatus>
    {
        ["NEW"] = OrderStatus.New, ["PARTIALLY_FILLED"] = OrderStatus.PartiallyFilled, ["FILLED"] = OrderStatus.Filled,
        ["CANCELED"] = OrderStatus.Canceled, ["EXPIRED"] = OrderStatus.Expired, ["REJECTED"] = OrderStatus.Rejected,
    };

    public static readonly IReadOnlyDictionary<string, PositionMode> MarginModes = new Dictionary<string, PositionMode>
    {
        ["ISOLATED"] = PositionMode.Isolated, ["CROSS"] = PositionMode.Cross, ["CROSSED"] = PositionMode.Cross,
    };

    public static string Name<T>(T value) where T : struct, Enum => value switch
    {
        OrderType.StopLimit => "STOP",
        WorkingType.LastPrice => "CONTRACT_PRICE",
        _ => ReasonCodes.Screaming(value.ToString()),
    };

    /// <summary>"BUY or SELL": the accepted names, for error messages.</summary>
    public static string Choices<T>(IReadOnlyDictionary<string, T> names) => string.Join(", ", names.Keys);
}
