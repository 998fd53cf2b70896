namespace Trading.Benchmarks.Mix50;

/// <summary>Generator parameters; the defaults are the workload document's.</summary>
public sealed record Mix50Parameters
{
    /// <summary>SplitMix64 initial state.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Leading commands, replayed untimed.</summary>
    public int Warmup { get; init; } = 100_000;

    /// <summary>Timed commands following the warm-up.</summary>
    public int Measured { get; init; } = 1_000_000;

    /// <summary>Mid price (ticks) used while the book has never held an order.</summary>
    public long InitialMid { get; init; } = 100_000;

    /// <summary>Taker-size controller threshold: resting orders on the side a taker hits.</summary>
    public int TargetPerSide { get; init; } = 500;

    /// <summary>Passive qty = 1 + U(PassiveMaxQty).</summary>
    public int PassiveMaxQty { get; init; } = 100;

    /// <summary>Taker qty = 1 + U(TakerSmall) while the hit side holds at most TargetPerSide orders.</summary>
    public int TakerSmall { get; init; } = 100;

    /// <summary>Taker qty = 1 + U(TakerLarge) when the hit side holds more than TargetPerSide orders.</summary>
    public int TakerLarge { get; init; } = 200;

    /// <summary>uid = 1 + U(Users).</summary>
    public int Users { get; init; } = 1_000;

    /// <summary>The document's default parameters.</summary>
    public static Mix50Parameters Default { get; } = new();

    /// <summary>Total stream length (warm-up plus measured).</summary>
    public int Total => checked(Warmup + Measured);
}
