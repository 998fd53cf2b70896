namespace Trading.Benchmarks.Mix50;

/// <summary>Why the generator produced a command (the realised-mix categories of the document).</summary>
public enum Mix50Category
{
    /// <summary>Passive GTC limit, including the empty-book fallback for a cancel draw.</summary>
    PassiveGtc,

    /// <summary>IOC taker.</summary>
    Ioc,

    /// <summary>Market taker.</summary>
    Market,

    /// <summary>Cancel of a resting order.</summary>
    Cancel,

    /// <summary>Crossing GTC limit (its remainder rests).</summary>
    CrossingGtc,
}
