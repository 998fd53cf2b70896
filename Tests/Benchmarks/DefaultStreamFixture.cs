using Trading.Benchmarks.Mix50;

namespace Trading.Tests.Benchmarks;

/// <summary>Generates the document's default stream (100k + 1M commands) once for all tests that need it.</summary>
public sealed class DefaultStreamFixture
{
    /// <summary>The default stream.</summary>
    public Mix50Stream Stream { get; } = Mix50Generator.Generate();
}
