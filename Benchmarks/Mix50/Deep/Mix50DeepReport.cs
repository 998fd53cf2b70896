namespace Trading.Benchmarks.Mix50;

/// <summary>What the <c>mix50-deep</c> suite reports for one engine.</summary>
public sealed record Mix50DeepReport
{
    /// <summary>Orders pre-filled.</summary>
    public required long DeepOrders { get; init; }

    /// <summary>Managed heap growth (GC.GetTotalMemory(true) after minus before the fill) per filled order.</summary>
    public required double BytesPerOrder { get; init; }

    /// <summary>Orders resting after fill plus whole stream (verified against the shadow book).</summary>
    public required long RestingOrdersAfter { get; init; }

    /// <summary>Median ops/s of the measured segment on top of the deep book.</summary>
    public required double OpsPerSecMedian { get; init; }

    /// <summary>Slowest run.</summary>
    public required double OpsPerSecMin { get; init; }

    /// <summary>Fastest run.</summary>
    public required double OpsPerSecMax { get; init; }

    /// <summary>Prints the report as <c>name: value</c> lines.</summary>
    public void Print(Mix50Output output)
    {
        output.Integer("deep_orders", DeepOrders);
        output.Number("deep_bytes_per_order", BytesPerOrder, 0);
        output.Integer("deep_resting_orders_after", RestingOrdersAfter);
        output.Number("deep_ops_per_sec", OpsPerSecMedian, 0);
        output.Number("deep_ops_per_sec_min", OpsPerSecMin, 0);
        output.Number("deep_ops_per_sec_max", OpsPerSecMax, 0);
    }
}
