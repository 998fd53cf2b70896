namespace Trading.Silo.ReadSide;

/// <summary>When a read-side consumer writes a batch (at <see cref="Rows"/> rows or after <see cref="IntervalMs"/>) and how it backs off while its store is down.</summary>
public sealed record BatchPolicy(int Rows, int IntervalMs, int RetryInitialMs, int RetryMaxMs);
