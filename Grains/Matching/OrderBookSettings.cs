namespace Trading.Grains.Matching;

/// <summary>Per-book options that are not symbol rules.</summary>
public sealed record OrderBookSettings
{
    /// <summary>Self-trade prevention for orders that say <see cref="SelfTradePrevention.Default"/>.</summary>
    public SelfTradePrevention DefaultSelfTradePrevention { get; init; } = SelfTradePrevention.None;

    /// <summary>Order slots preallocated (the pool doubles beyond it).</summary>
    public int InitialOrderCapacity { get; init; } = 1024;
}
