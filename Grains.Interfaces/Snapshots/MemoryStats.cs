using System.Text.Json.Serialization;

namespace Trading.Grains.Interfaces.Snapshots;

/// <summary>
/// Counters of the snapshot, each a function of the document's own sections (<see cref="Of"/>), so a reader can
/// check them: totalOrderBooks, totalPositions (flat ones included), totalSymbols and totalOrders count the entries
/// of their sections; totalTrades sums the books' tradeCount; totalVolume24h sums the books' volume24h;
/// totalLockedPositions counts positions with a locked quantity; totalActiveOrders counts open orders.
/// </summary>
public sealed record MemoryStats
{
    public long TotalOrderBooks { get; init; }
    public long TotalPositions { get; init; }
    public long TotalSymbols { get; init; }
    public long TotalOrders { get; init; }
    public long TotalTrades { get; init; }
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal TotalVolume24h { get; init; }
    public long TotalLockedPositions { get; init; }
    public long TotalActiveOrders { get; init; }

    /// <summary>The counters of a document's sections.</summary>
    public static MemoryStats Of(MatchEngineSnapshot s)
    {
        long trades = 0, locked = 0, active = 0;
        decimal volume = 0;
        foreach (var book in s.OrderBookSnapshots.Values)
        {
            trades += book.TradeCount;
            volume += book.Volume24h;
        }
        foreach (var position in s.PositionSnapshots.Values)
            if (position.LockedQuantity != 0) locked++;
        var orders = s.OrderSnapshots;
        for (var i = 0; i < orders.Count; i++)
            if (orders[i].IsOpen) active++;
        return new MemoryStats
        {
            TotalOrderBooks = s.OrderBookSnapshots.Count, TotalPositions = s.PositionSnapshots.Count, TotalSymbols = s.SymbolSnapshots.Count,
            TotalOrders = orders.Count, TotalTrades = trades, TotalVolume24h = volume, TotalLockedPositions = locked, TotalActiveOrders = active,
        };
    }
}
