using System.Text.Json.Serialization;

namespace Trading.Grains.Interfaces.Snapshots;

/// <summary>
/// One symbol's book in <see cref="MatchEngineSnapshot.OrderBookSnapshots"/>: its market statistics (rolling 24 h, as
/// of the book's last command), its depth and the ids of the orders it holds, so books and
/// <see cref="MatchEngineSnapshot.OrderSnapshots"/> can be checked against each other.
/// </summary>
public sealed record OrderBookRecord
{
    public string Symbol { get; init; } = "";
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal LastPrice { get; init; }
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal HighPrice { get; init; }
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal LowPrice { get; init; }
    /// <summary>Base quantity traded in the last 24 h.</summary>
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal Volume24h { get; init; }
    /// <summary>Bid levels, best first.</summary>
    public IReadOnlyList<DepthLevelRecord> BuyDepth { get; init; } = [];
    /// <summary>Ask levels, best first.</summary>
    public IReadOnlyList<DepthLevelRecord> SellDepth { get; init; } = [];
    /// <summary>Resting orders in priority order: bids best level first, then asks best level first; each level in queue order.</summary>
    public IReadOnlyList<long> OrderIds { get; init; } = [];
    /// <summary>Untriggered conditional orders, in trigger order.</summary>
    public IReadOnlyList<long> StopOrderIds { get; init; } = [];
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal MarkPrice { get; init; }
    /// <summary>Quote amount traded in the last 24 h.</summary>
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal QuoteVolume24h { get; init; }
    /// <summary>Trades the book has executed since it was created (its last trade id).</summary>
    public long TradeCount { get; init; }
    /// <summary>Sequence of the book's last event.</summary>
    public long EventSequence { get; init; }
    /// <summary>Time of the book's last command (epoch ms); the 24 h statistics are as of then.</summary>
    public long LastCommandTime { get; init; }
}

/// <summary>Aggregated remaining quantity and order count at one price.</summary>
public sealed record DepthLevelRecord(
    [property: JsonNumberHandling(SnapshotJson.DecimalText)] decimal Price,
    [property: JsonNumberHandling(SnapshotJson.DecimalText)] decimal Quantity,
    int OrderCount);
