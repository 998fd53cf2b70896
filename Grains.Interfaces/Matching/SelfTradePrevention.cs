namespace Trading.Grains.Matching;

/// <summary>
/// What happens when a taker would trade with a resting order of the same user. The taker's mode decides.
/// </summary>
public enum SelfTradePrevention : byte
{
    /// <summary>Use the book's <see cref="OrderBookSettings.DefaultSelfTradePrevention"/> (only valid on commands).</summary>
    Default = 0,
    /// <summary>Same-user orders trade with each other.</summary>
    None = 1,
    /// <summary>The taker's remainder expires; the maker stays.</summary>
    ExpireTaker = 2,
    /// <summary>The maker expires; the taker continues matching.</summary>
    ExpireMaker = 3,
    /// <summary>Both the maker and the taker's remainder expire.</summary>
    ExpireBoth = 4,
}
