namespace Trading.Grains.Matching;

/// <summary>
/// Full state of one order book as a plain, System.Text.Json-friendly DTO. <see cref="OrderBook.Restore"/> of a
/// snapshot yields a book whose future events are identical to the original's.
/// </summary>
public sealed record BookSnapshot
{
    public int Version { get; init; } = 1;
    public string Symbol { get; init; } = "";
    public long LastPrice { get; init; }
    public long MarkPrice { get; init; }
    /// <summary>Rolling 24 h high as of <see cref="LastCommandTime"/> (informational; restored from the buckets).</summary>
    public long HighPrice { get; init; }
    public long LowPrice { get; init; }
    public long Volume24h { get; init; }
    public long QuoteVolume24h { get; init; }
    public long LastCommandTime { get; init; }
    public long EventSequence { get; init; }
    public long TradeSequence { get; init; }
    public long StopSequence { get; init; }
    public SelfTradePrevention DefaultSelfTradePrevention { get; init; }
    /// <summary>Bid levels, best first.</summary>
    public DepthLevel[] BuyDepth { get; init; } = [];
    /// <summary>Ask levels, best first.</summary>
    public DepthLevel[] SellDepth { get; init; } = [];
    /// <summary>Resting orders: bids best level first, then asks; each level in queue order.</summary>
    public OrderSnapshot[] Orders { get; init; } = [];
    /// <summary>Untriggered conditional orders, in trigger order per list, with their arrival sequence.</summary>
    public OrderSnapshot[] StopOrders { get; init; } = [];
    public StatisticsBucketSnapshot[] StatisticsBuckets { get; init; } = [];
    /// <summary>The (user, client order id) index of open orders.</summary>
    public ClientOrderIdSnapshot[] ClientOrderIds { get; init; } = [];
}

/// <summary>
/// One open order. For market-like conditional orders <see cref="Price"/> holds the protection ticks to use when
/// triggered. <see cref="QueuePosition"/> is the 0-based place in its level (resting orders);
/// <see cref="TriggerSequence"/> the arrival sequence among conditional orders.
/// </summary>
public sealed record OrderSnapshot(
    long OrderId, long UserId, long ClientOrderId, OrderSide Side, OrderType Type, TimeInForce TimeInForce,
    long Price, long StopPrice, long Quantity, long FilledQuantity, long Timestamp,
    SelfTradePrevention SelfTradePrevention, WorkingType WorkingType, bool ReduceOnly, PositionAction PositionAction,
    bool Liquidation, bool Triggered, int QueuePosition, long TriggerSequence);

/// <summary>One minute of the rolling statistics ring.</summary>
public sealed record StatisticsBucketSnapshot(int Index, long Minute, long High, long Low, long Volume, long QuoteVolume, long Trades);

/// <summary>One entry of the client order id index.</summary>
public sealed record ClientOrderIdSnapshot(long UserId, long ClientOrderId, long OrderId);
