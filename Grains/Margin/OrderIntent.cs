namespace Trading.Grains.Margin;

/// <summary>What an order may do to the position of its symbol (one-way mode).</summary>
public enum OrderIntent : byte
{
    /// <summary>
    /// A normal order: it may increase the position, reduce it, or flip it through zero. The part that
    /// reduces the current position is locked like a close order; only the part beyond the position
    /// reserves initial margin.
    /// </summary>
    Open = 0,
    /// <summary>A CLOSE / reduce-only order: it may only reduce, never flip; it locks position quantity.</summary>
    Close = 1,
}
