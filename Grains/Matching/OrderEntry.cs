using System.Runtime.InteropServices;

namespace Trading.Grains.Matching;

/// <summary>
/// One order as the book stores it: a slot of <see cref="OrderPool"/>, linked into its price level's FIFO by
/// slot indices (<see cref="Next"/>, <see cref="Prev"/>). 88 bytes. For market-like conditional orders
/// <see cref="Price"/> holds the protection ticks to use when triggered.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OrderEntry
{
    public long Id;
    public long UserId;
    public long ClientOrderId;
    public long Price;
    public long Quantity;
    public long Filled;
    public long Timestamp;
    /// <summary>Trigger price of conditional orders (kept after triggering, for events).</summary>
    public long StopPrice;
    public int Next;
    public int Prev;
    /// <summary>Index of the price level in <see cref="LevelPool"/> while resting; the free-list link while free.</summary>
    public int Level;
    public OrderSide Side;
    public OrderType Type;
    public TimeInForce Tif;
    public SelfTradePrevention Stp;
    public WorkingType Working;
    public PositionAction PositionAction;
    public OrderFlags Flags;

    public readonly long Remaining => Quantity - Filled;
    public readonly bool IsBuy => Side == OrderSide.Buy;
    public readonly bool Has(OrderFlags f) => (Flags & f) != 0;
    public readonly OrderStatus LiveStatus => Filled == 0 ? OrderStatus.New : OrderStatus.PartiallyFilled;
}

/// <summary>Bit flags of <see cref="OrderEntry"/>.</summary>
[Flags]
internal enum OrderFlags : byte
{
    None = 0,
    ReduceOnly = 1,
    Liquidation = 2,
    /// <summary>Conditional order waiting in <see cref="StopOrderBook"/>.</summary>
    PendingStop = 4,
    /// <summary>Registered in <see cref="OrderIdMap"/>.</summary>
    InIdMap = 8,
    /// <summary>Registered in <see cref="ClientOrderIdIndex"/>.</summary>
    InClientIndex = 16,
    /// <summary>Linked into a price level.</summary>
    Resting = 32,
    /// <summary>A conditional order that has triggered.</summary>
    Triggered = 64,
}
