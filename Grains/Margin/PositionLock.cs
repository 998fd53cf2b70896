namespace Trading.Grains.Margin;

/// <summary>
/// Position quantity locked by one pending reducing order (a CLOSE / reduce-only order, a liquidation order, or
/// the reducing part of an OPEN order opposite the position). The sum of locks on a symbol never exceeds the
/// position quantity: when a fill shrinks or flips the position, the newest locks are trimmed first.
/// </summary>
/// <param name="OrderId">Order holding the lock.</param>
/// <param name="Symbol">Symbol of the position.</param>
/// <param name="Side">Side of the order (the side that closes the position).</param>
/// <param name="LockedQty">Locked lots.</param>
/// <param name="Sequence">Creation order of the lock.</param>
public sealed record PositionLock(long OrderId, string Symbol, TradeSide Side, long LockedQty, long Sequence);
