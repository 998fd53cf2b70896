namespace Trading.Grains.Margin;

/// <summary>Outcome of an order admission check.</summary>
/// <param name="Reason"><see cref="RejectReason.None"/> when accepted.</param>
/// <param name="ReservedAsset">Asset held (null when rejected or nothing held).</param>
/// <param name="ReservedAmount">Money units held.</param>
/// <param name="LockedQty">Position lots locked.</param>
/// <param name="OpeningQty">Lots expected to open a position (perpetuals).</param>
public readonly record struct OrderCheckResult(RejectReason Reason, string? ReservedAsset, long ReservedAmount, long LockedQty, long OpeningQty)
{
    /// <summary>True when the order was admitted.</summary>
    public bool Accepted => Reason == RejectReason.None;

    internal static OrderCheckResult Reject(RejectReason reason) => new(reason, null, 0, 0, 0);
}
