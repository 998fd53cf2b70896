using System.Text.Json.Serialization;
using Trading.Grains.Matching;

namespace Trading.Grains.Interfaces.Snapshots;

/// <summary>
/// One order in <see cref="MatchEngineSnapshot.OrderSnapshots"/>. For orders held by a book the book's values are
/// authoritative (quantities, status); the account adds what only it knows (client order id text, remark, times).
/// </summary>
public sealed record OrderRecord
{
    public long OrderId { get; init; }
    public long UserId { get; init; }
    public string Symbol { get; init; } = "";
    public OrderSide Side { get; init; }
    public OrderType Type { get; init; }
    public PositionAction PositionAction { get; init; }
    /// <summary>Limit price; 0 for market orders.</summary>
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal Price { get; init; }
    /// <summary>Total quantity (after amends).</summary>
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal Quantity { get; init; }
    /// <summary>quantity - filledQuantity while the order is open; 0 once it is finished.</summary>
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal RemainingQuantity { get; init; }
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal FilledQuantity { get; init; }
    public OrderStatus Status { get; init; }
    /// <summary>The client's own id (text), when the account knows it.</summary>
    public string? ClientOrderId { get; init; }
    /// <summary>Reason code of a rejection or an expiry, when there is one.</summary>
    public string? Remark { get; init; }
    public long CreateTime { get; init; }
    public long UpdateTime { get; init; }
    /// <summary>Who holds the order (see <see cref="OrderLocation"/>).</summary>
    public OrderLocation Location { get; init; }
    public TimeInForce TimeInForce { get; init; }
    /// <summary>Trigger price of a conditional order; omitted (0) otherwise.</summary>
    [JsonNumberHandling(SnapshotJson.DecimalText), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public decimal StopPrice { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public bool ReduceOnly { get; init; }

    /// <summary>Whether the order can still trade (NEW or PARTIALLY_FILLED).</summary>
    [JsonIgnore] public bool IsOpen => !Status.IsFinal();
}

/// <summary>Where an order of the snapshot lives.</summary>
public enum OrderLocation : byte
{
    /// <summary>Resting in its symbol's book: listed in the book's <c>orderIds</c>.</summary>
    Book = 0,
    /// <summary>An untriggered conditional order of its symbol's book: listed in the book's <c>stopOrderIds</c>.</summary>
    StopBook = 1,
    /// <summary>
    /// Open, but known only to its account: in flight between the account and the book at the snapshot's barrier
    /// (or a market order the book had not answered yet).
    /// </summary>
    Account = 2,
    /// <summary>Finished; one of the recent orders the account remembers.</summary>
    History = 3,
}
