namespace Trading.Grains.Matching;

/// <summary>Aggregated quantity and order count at one price.</summary>
public readonly record struct DepthLevel(long Price, long Quantity, int OrderCount);
