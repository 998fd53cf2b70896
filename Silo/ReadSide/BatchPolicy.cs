namespace Trading.Silo.ReadSide;

/// <summary>
/// When a read-side consumer writes a batch (at <see cref="Rows"/> rows or after <see cref="IntervalMs"/>) and how it
/// backs off while its store is down. A due batch also takes the records the consumer has already fetched, up to
/// <see cref="MaxRows"/> rows (at least <see cref="Rows"/>): a consumer that is behind writes fewer, larger batches
/// and catches up, while one that keeps up still writes as soon as a batch is due.
/// </summary>
public sealed record BatchPolicy(int Rows, int IntervalMs, int RetryInitialMs, int RetryMaxMs, int MaxRows = 0)
{
    /// <summary>The most rows a batch takes: <see cref="MaxRows"/>, and never fewer than <see cref="Rows"/>.</summary>
    public int RowLimit => Math.Max(Rows, MaxRows);
}
