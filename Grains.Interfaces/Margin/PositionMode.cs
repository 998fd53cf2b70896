namespace Trading.Grains.Margin;

/// <summary>How a position is margined.</summary>
public enum PositionMode : byte
{
    /// <summary>The position has its own margin; it can lose at most that margin.</summary>
    Isolated = 0,
    /// <summary>The position shares the account's wallet of its margin asset with the other cross positions.</summary>
    Cross = 1,
}
