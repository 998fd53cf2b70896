namespace Trading.Grains.Matching;

/// <summary>
/// Command: place a new order. Ids and time come from the caller; the book never generates them.
/// A <see cref="ClientOrderId"/> of 0 means none (the gateway maps client strings to 64-bit values).
/// </summary>
public struct PlaceOrder
{
    /// <summary>Caller-assigned order id, &gt; 0, unique among open orders of the book.</summary>
    public long OrderId;
    public long UserId;
    /// <summary>Client order id, unique among the user's open orders; 0 = none.</summary>
    public long ClientOrderId;
    public OrderSide Side;
    public OrderType Type;
    public TimeInForce TimeInForce;
    /// <summary>Limit price in ticks (LIMIT, STOP_LIMIT, TAKE_PROFIT, liquidation bankruptcy price); ignored for market types.</summary>
    public long Price;
    /// <summary>Trigger price in ticks of conditional orders.</summary>
    public long StopPrice;
    /// <summary>Quantity in lots.</summary>
    public long Quantity;
    /// <summary>MARKET protection in ticks from the best opposite price at arrival; -1 = SymbolSpec default, 0 = unbounded.</summary>
    public long ProtectionTicks;
    public WorkingType WorkingType;
    public SelfTradePrevention SelfTradePrevention;
    public bool ReduceOnly;
    public PositionAction PositionAction;
    /// <summary>Liquidation order: IOC at <see cref="Price"/> (the bankruptcy price), never rests, no band/notional/STP checks.</summary>
    public bool Liquidation;
    /// <summary>Command time, epoch milliseconds.</summary>
    public long Timestamp;

    /// <summary>A GTC (or other TIF) limit order.</summary>
    public static PlaceOrder Limit(long orderId, long userId, OrderSide side, long price, long quantity, long timestamp,
        TimeInForce tif = TimeInForce.Gtc, long clientOrderId = 0) => new()
    {
        OrderId = orderId, UserId = userId, Side = side, Type = OrderType.Limit, TimeInForce = tif, Price = price,
        Quantity = quantity, Timestamp = timestamp, ClientOrderId = clientOrderId, ProtectionTicks = -1,
    };

    /// <summary>A MARKET order with the given protection (-1 = symbol default, 0 = unbounded).</summary>
    public static PlaceOrder Market(long orderId, long userId, OrderSide side, long quantity, long timestamp,
        long protectionTicks = -1) => new()
    {
        OrderId = orderId, UserId = userId, Side = side, Type = OrderType.Market, TimeInForce = TimeInForce.Ioc,
        Quantity = quantity, Timestamp = timestamp, ProtectionTicks = protectionTicks,
    };

    /// <summary>A conditional order (stop / take-profit, limit or market).</summary>
    public static PlaceOrder Conditional(long orderId, long userId, OrderSide side, OrderType type, long stopPrice,
        long price, long quantity, long timestamp, WorkingType workingType = WorkingType.LastPrice,
        TimeInForce tif = TimeInForce.Gtc) => new()
    {
        OrderId = orderId, UserId = userId, Side = side, Type = type, TimeInForce = tif, StopPrice = stopPrice,
        Price = price, Quantity = quantity, Timestamp = timestamp, WorkingType = workingType, ProtectionTicks = -1,
    };
}
