namespace Trading.Grains.Interfaces.Snapshots;

public static partial class SnapshotValidator
{
    private static void Positions(MatchEngineSnapshot s, List<SnapshotProblem> problems)
    {
        var locked = new Dictionary<string, decimal>(s.PositionSnapshots.Count, StringComparer.Ordinal);
        foreach (var l in s.PositionLockSnapshots)
            locked[l.PositionKey ?? ""] = locked.GetValueOrDefault(l.PositionKey ?? "") + l.LockedQuantity;
        foreach (var (key, p) in s.PositionSnapshots)
        {
            var item = $"positionSnapshots.{key}";
            var expectedKey = PositionRecord.KeyOf(p.UserId, p.Symbol);
            if (key != expectedKey) KeyMismatch(problems, item, expectedKey);
            SymbolMissing(s, problems, item, p.Symbol);
            if (p.LockedQuantity > p.Quantity)
                problems.Add(new(SnapshotChecks.LockExceedsQuantity, item, $"{item}: lockedQuantity {p.LockedQuantity} exceeds quantity {p.Quantity}"));
            if (p.AvailableQuantity != p.Quantity - p.LockedQuantity)
                problems.Add(new(SnapshotChecks.AvailableQuantityMismatch, item,
                    $"{item}: availableQuantity {p.AvailableQuantity} is not quantity {p.Quantity} - lockedQuantity {p.LockedQuantity}"));
            var sum = locked.GetValueOrDefault(key);
            if (sum != p.LockedQuantity)
                problems.Add(new(SnapshotChecks.LockSumMismatch, item,
                    $"{item}: lockedQuantity {p.LockedQuantity} but its positionLockSnapshots sum to {sum}"));
        }
    }

    private static void Locks(MatchEngineSnapshot s, OrderIndex index, List<SnapshotProblem> problems)
    {
        var locks = s.PositionLockSnapshots;
        for (var i = 0; i < locks.Count; i++)
        {
            var l = locks[i];
            var item = $"positionLockSnapshots[{i}]";
            var expectedKey = PositionRecord.KeyOf(l.UserId, l.Symbol);
            if (l.PositionKey != expectedKey) KeyMismatch(problems, $"{item}.positionKey", expectedKey);
            if (!s.PositionSnapshots.ContainsKey(l.PositionKey ?? ""))
                problems.Add(new(SnapshotChecks.LockPositionMissing, item, $"{item}: position {l.PositionKey} is not in positionSnapshots"));
            if (!index.ById.TryGetValue(l.OrderId, out var at)
                || s.OrderSnapshots[at] is not { IsOpen: true } o || o.UserId != l.UserId || o.Symbol != l.Symbol)
                problems.Add(new(SnapshotChecks.LockOrderNotOpen, item,
                    $"{item}: order {l.OrderId} is not an open order of user {l.UserId} on {l.Symbol} in orderSnapshots"));
        }
    }
}
