namespace Trading.Runtime.Streams.InMemory;

/// <summary>Reads in-memory partitions outside any group. Ranges are clamped to what exists when Read is called.</summary>
internal sealed class InMemoryPartitionReader : IPartitionReader
{
    private readonly InMemoryMessageLog _log;

    public InMemoryPartitionReader(InMemoryMessageLog log) => _log = log;

    public IEnumerable<LogRecord> Read(TopicPartition partition, long from, long toExclusive, CancellationToken cancellationToken)
    {
        var log = _log.GetPartition(partition);
        var end = Math.Min(toExclusive, log.HighWatermark);
        return ReadRange(log, Math.Max(from, 0), end, cancellationToken);
    }

    public (long Low, long High) Watermarks(TopicPartition partition) => (0, _log.GetPartition(partition).HighWatermark);

    public void Dispose() { }

    private static IEnumerable<LogRecord> ReadRange(PartitionLog log, long from, long end, CancellationToken cancellationToken)
    {
        for (var offset = from; offset < end; offset++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return log.Get(offset);
        }
    }
}
