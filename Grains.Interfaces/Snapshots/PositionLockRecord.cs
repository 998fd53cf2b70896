using System.Text.Json.Serialization;
using Trading.Grains.Matching;

namespace Trading.Grains.Interfaces.Snapshots;

/// <summary>
/// Position quantity locked by one pending reducing order (a CLOSE / reduce-only order, a liquidation order, or
/// the reducing part of an order opposite the position), in <see cref="MatchEngineSnapshot.PositionLockSnapshots"/>:
/// one per locking order, ordered by user id, symbol and lock sequence.
/// </summary>
public sealed record PositionLockRecord
{
    /// <summary><c>{userId}_{symbol}</c> of the locked position.</summary>
    public string PositionKey { get; init; } = "";
    public long UserId { get; init; }
    public string Symbol { get; init; } = "";
    /// <summary>The locking order, as <see cref="MatchEngineSnapshot.OrderSnapshots"/> lists it.</summary>
    public long OrderId { get; init; }
    /// <summary>Side of the order (the side that reduces the position).</summary>
    public OrderSide Side { get; init; }
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal LockedQuantity { get; init; }
    /// <summary>Creation order of the lock within the account (newest locks are trimmed first).</summary>
    public long LockSequence { get; init; }
}
