namespace Trading.Benchmarks.Mix50;

/// <summary>An engine did not reproduce the shadow book; the message says how.</summary>
public sealed class Mix50BenchmarkFailedException : Exception
{
    /// <summary>Creates the exception with a readable explanation.</summary>
    public Mix50BenchmarkFailedException(string message)
        : base(message)
    {
    }
}
