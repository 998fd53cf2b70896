namespace Trading.Grains.Margin;

/// <summary>What completing (cancel, expire, fully filled notice) an order released.</summary>
/// <param name="Known">False when the account held nothing for the order (already done or never admitted).</param>
/// <param name="ReservationReleased">Money released.</param>
/// <param name="LockReleased">Lots unlocked.</param>
public readonly record struct OrderRelease(bool Known, long ReservationReleased, long LockReleased);
