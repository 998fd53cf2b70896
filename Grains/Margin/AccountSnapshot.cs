namespace Trading.Grains.Margin;

/// <summary>
/// Serializable state of an <see cref="Account"/>. <see cref="Orders"/>, balances' wallet/counters and positions'
/// state fields are the source of truth for <see cref="Account.Restore"/>; derived fields (available balance, PnL,
/// risk ratio, liquidation price, lock views in <see cref="Reservations"/> and <see cref="Locks"/>) are for readers.
/// All lists are ordered (asset, symbol, order id) so equal states serialize to equal bytes.
/// </summary>
public sealed record AccountSnapshot
{
    /// <summary>Owner.</summary>
    public required long UserId { get; init; }
    /// <summary>Last change time.</summary>
    public required long UpdateTime { get; init; }
    /// <summary>Sequence of the last lock created.</summary>
    public required long LockSequence { get; init; }
    /// <summary>Sequence of the last liquidation order (ids are its negation).</summary>
    public required long LiquidationSequence { get; init; }
    /// <summary>Per asset.</summary>
    public required IReadOnlyList<BalanceSnapshot> Balances { get; init; }
    /// <summary>Per symbol, flat ones included (they keep leverage and mode).</summary>
    public required IReadOnlyList<PositionSnapshot> Positions { get; init; }
    /// <summary>Working orders with everything held for them.</summary>
    public required IReadOnlyList<OrderHoldSnapshot> Orders { get; init; }
    /// <summary>View: money held per order.</summary>
    public required IReadOnlyList<OrderReservation> Reservations { get; init; }
    /// <summary>View: position quantity locked per order.</summary>
    public required IReadOnlyList<PositionLock> Locks { get; init; }
}

/// <summary>Balance of one asset; amounts in 1e-8 units.</summary>
public sealed record BalanceSnapshot(string Asset, long WalletBalance, long AvailableBalance, long ReservedForOrders,
    long IsolatedMargin, long FeesPaid, long InsuranceFundCovered);

/// <summary>
/// One position. Quantity in lots, prices in ticks, money in 1e-8 units, riskRatio in ppm.
/// averagePrice is display-only (entryNotional is exact); margin is the isolated margin or the cross initial margin.
/// </summary>
public sealed record PositionSnapshot
{
    /// <summary>Owner.</summary>
    public required long UserId { get; init; }
    /// <summary>Symbol.</summary>
    public required string Symbol { get; init; }
    /// <summary>LONG / SHORT / FLAT.</summary>
    public required PositionSide Side { get; init; }
    /// <summary>ISOLATED / CROSS.</summary>
    public required PositionMode PositionMode { get; init; }
    /// <summary>Absolute quantity in lots.</summary>
    public required long Quantity { get; init; }
    /// <summary>Average entry price in ticks, rounded half away from zero (display).</summary>
    public required long AveragePrice { get; init; }
    /// <summary>Exact entry notional.</summary>
    public required long EntryNotional { get; init; }
    /// <summary>Last mark price in ticks (0 unknown).</summary>
    public required long MarkPrice { get; init; }
    /// <summary>At the mark price.</summary>
    public required long UnrealizedPnl { get; init; }
    /// <summary>Accumulated realized PnL (fees excluded).</summary>
    public required long RealizedPnl { get; init; }
    /// <summary>Isolated margin, or cross initial margin.</summary>
    public required long Margin { get; init; }
    /// <summary>Allocated isolated margin (state).</summary>
    public required long IsolatedMargin { get; init; }
    /// <summary>Maintenance margin at the risk notional.</summary>
    public required long MaintenanceMargin { get; init; }
    /// <summary>Maintenance margin / margin balance in ppm, rounded up.</summary>
    public required long RiskRatio { get; init; }
    /// <summary>Leverage setting.</summary>
    public required int Leverage { get; init; }
    /// <summary>Liquidation price in ticks (0 none).</summary>
    public required long LiquidationPrice { get; init; }
    /// <summary>FLAT / OPEN / LIQUIDATING.</summary>
    public required PositionStatus Status { get; init; }
    /// <summary>Lots locked by pending reducing orders.</summary>
    public required long LockedQuantity { get; init; }
    /// <summary>Quantity - lockedQuantity.</summary>
    public required long AvailableQuantity { get; init; }
    /// <summary>NONE / PARTIALLY_LOCKED / FULLY_LOCKED.</summary>
    public required LockStatus LockStatus { get; init; }
    /// <summary>When the current position was opened.</summary>
    public required long CreateTime { get; init; }
    /// <summary>Last change.</summary>
    public required long UpdateTime { get; init; }
}

/// <summary>Everything held for one working order (state for restore).</summary>
public sealed record OrderHoldSnapshot(long OrderId, string Symbol, TradeSide Side, OrderIntent Intent, long WorstPriceTicks,
    long RemainingQty, long OpeningQty, long LockedQty, long LockSequence, int Leverage, bool IsLiquidation, long CreateTime,
    string ReservedAsset, long ReservedAmount);
