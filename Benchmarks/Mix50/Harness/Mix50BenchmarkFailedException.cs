namespace Trading.Benchmarks.Mix50;

/// <summary>An engine did not reproduce the shadow book; the message says how.</summary>
public sealed class Mix50BenchmarkFailedException : Exception
{
    /// <summary>Creates the exception with a readable explanation.</summary>
    public Mix50BenchmarkFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a readable explanation and the engine's own exception.</summary>
    public Mix50BenchmarkFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
