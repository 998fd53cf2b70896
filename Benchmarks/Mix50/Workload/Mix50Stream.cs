namespace Trading.Benchmarks.Mix50;

/// <summary>A generated stream plus everything the shadow book learned while generating it.</summary>
public sealed class Mix50Stream
{
    /// <summary>Creates a stream description; see <see cref="Mix50Generator"/>.</summary>
    public Mix50Stream(
        Mix50Parameters parameters,
        Mix50Command[] commands,
        Mix50Outcome expected,
        Mix50MixStats warmupMix,
        Mix50MixStats measuredMix,
        int endBidLevels,
        int endAskLevels,
        long finalMid,
        long minPrice,
        long maxPrice)
    {
        Parameters = parameters;
        Commands = commands;
        Expected = expected;
        WarmupMix = warmupMix;
        MeasuredMix = measuredMix;
        EndBidLevels = endBidLevels;
        EndAskLevels = endAskLevels;
        FinalMid = finalMid;
        MinPrice = minPrice;
        MaxPrice = maxPrice;
        StreamHash = Mix50StreamHash.Compute(commands);
        long maxId = 0;
        foreach (Mix50Command c in commands)
        {
            maxId = Math.Max(maxId, c.OrderId);
        }

        MaxOrderId = maxId;
    }

    /// <summary>Parameters the stream was generated with.</summary>
    public Mix50Parameters Parameters { get; }

    /// <summary>All commands: warm-up first, then the measured segment.</summary>
    public Mix50Command[] Commands { get; }

    /// <summary>The warm-up commands.</summary>
    public ReadOnlySpan<Mix50Command> Warmup => Commands.AsSpan(0, Parameters.Warmup);

    /// <summary>The measured commands.</summary>
    public ReadOnlySpan<Mix50Command> Measured => Commands.AsSpan(Parameters.Warmup, Parameters.Measured);

    /// <summary>Shadow-book outcome over the whole stream (warm-up plus measured).</summary>
    public Mix50Outcome Expected { get; }

    /// <summary>Realised mix of the warm-up.</summary>
    public Mix50MixStats WarmupMix { get; }

    /// <summary>Realised mix of the measured segment.</summary>
    public Mix50MixStats MeasuredMix { get; }

    /// <summary>Bid price levels at the end of the stream.</summary>
    public int EndBidLevels { get; }

    /// <summary>Ask price levels at the end of the stream.</summary>
    public int EndAskLevels { get; }

    /// <summary>The mid computed for the last command.</summary>
    public long FinalMid { get; }

    /// <summary>Lowest limit price in the stream.</summary>
    public long MinPrice { get; }

    /// <summary>Highest limit price in the stream.</summary>
    public long MaxPrice { get; }

    /// <summary>Highest order id in the stream.</summary>
    public long MaxOrderId { get; }

    /// <summary>The command stream hash.</summary>
    public ulong StreamHash { get; }
}
