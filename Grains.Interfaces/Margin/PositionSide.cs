namespace Trading.Grains.Margin;

/// <summary>Side of a one-way position.</summary>
public enum PositionSide : byte
{
    /// <summary>No quantity.</summary>
    Flat = 0,
    /// <summary>Positive quantity: profits when the price rises.</summary>
    Long = 1,
    /// <summary>Negative quantity: profits when the price falls.</summary>
    Short = 2,
}
