namespace Trading.Grains.Margin;

/// <summary>Life-cycle state of a position.</summary>
public enum PositionStatus : byte
{
    /// <summary>No quantity (settings such as leverage and mode are kept).</summary>
    Flat = 0,
    /// <summary>Holds quantity and trades normally.</summary>
    Open = 1,
    /// <summary>A liquidation order is pending: no new orders, no second liquidation.</summary>
    Liquidating = 2,
}
