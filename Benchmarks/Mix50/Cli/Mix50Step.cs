namespace Trading.Benchmarks.Mix50;

/// <summary>One step of the protocol run for an engine chosen by name.</summary>
public enum Mix50Step
{
    /// <summary>The untimed verification pass.</summary>
    Verify,

    /// <summary>One throughput run.</summary>
    Throughput,

    /// <summary>One latency run.</summary>
    Latency,
}
