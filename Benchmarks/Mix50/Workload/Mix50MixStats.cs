namespace Trading.Benchmarks.Mix50;

/// <summary>Realised mix of one stream segment, as reported by the workload document.</summary>
public sealed class Mix50MixStats
{
    /// <summary>Passive GTC limits (including empty-book fallbacks).</summary>
    public long PassiveGtc { get; private set; }

    /// <summary>IOC takers.</summary>
    public long Ioc { get; private set; }

    /// <summary>Market takers.</summary>
    public long Market { get; private set; }

    /// <summary>Cancels.</summary>
    public long Cancels { get; private set; }

    /// <summary>Crossing GTC limits.</summary>
    public long CrossingGtc { get; private set; }

    /// <summary>Commands that caused at least one trade.</summary>
    public long TradingCommands { get; private set; }

    /// <summary>Trades executed in the segment.</summary>
    public long Trades { get; private set; }

    /// <summary>Quantity traded in the segment.</summary>
    public long TradedQty { get; private set; }

    /// <summary>Number of resting-order samples (one after each of the segment's commands 0, 1000, 2000, ...).</summary>
    public long RestingSamples { get; private set; }

    /// <summary>Sum of the sampled resting-order counts.</summary>
    public long RestingSampleSum { get; private set; }

    /// <summary>Smallest sampled resting-order count.</summary>
    public int RestingMin { get; private set; } = int.MaxValue;

    /// <summary>Largest sampled resting-order count.</summary>
    public int RestingMax { get; private set; } = int.MinValue;

    /// <summary>Mean sampled resting-order count.</summary>
    public double RestingMean => RestingSamples == 0 ? 0 : (double)RestingSampleSum / RestingSamples;

    /// <summary>Records one command of the segment.</summary>
    public void Record(Mix50Category category, long trades, long tradedQty)
    {
        switch (category)
        {
            case Mix50Category.PassiveGtc: PassiveGtc++; break;
            case Mix50Category.Ioc: Ioc++; break;
            case Mix50Category.Market: Market++; break;
            case Mix50Category.Cancel: Cancels++; break;
            case Mix50Category.CrossingGtc: CrossingGtc++; break;
            default: throw new ArgumentOutOfRangeException(nameof(category));
        }

        Trades += trades;
        TradedQty += tradedQty;
        if (trades > 0)
        {
            TradingCommands++;
        }
    }

    /// <summary>Records one sample of the resting-order count.</summary>
    public void SampleResting(int restingOrders)
    {
        RestingSamples++;
        RestingSampleSum += restingOrders;
        RestingMin = Math.Min(RestingMin, restingOrders);
        RestingMax = Math.Max(RestingMax, restingOrders);
    }
}
