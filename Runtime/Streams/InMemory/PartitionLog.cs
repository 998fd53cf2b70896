namespace Trading.Runtime.Streams.InMemory;

/// <summary>
/// One append-only partition. Appends take a lock; reads below the published high watermark take none
/// (records live in fixed-size chunks that never move, and the count is published after the record).
/// </summary>
internal sealed class PartitionLog
{
    private const int ChunkBits = 12;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;

    private readonly object _gate = new();
    private LogRecord[]?[] _chunks = new LogRecord[]?[4];
    private long _count;

    public PartitionLog(string topic, int partition)
    {
        Topic = topic;
        Partition = partition;
    }

    public string Topic { get; }
    public int Partition { get; }

    /// <summary>The next offset to be written; every offset below it can be read.</summary>
    public long HighWatermark => Volatile.Read(ref _count);

    /// <summary>Appends a record and returns its offset.</summary>
    public long Append(string key, byte[] value)
    {
        lock (_gate)
        {
            var offset = _count;
            var chunkIndex = (int)(offset >> ChunkBits);
            var chunks = _chunks;
            if (chunkIndex == chunks.Length)
            {
                Array.Resize(ref chunks, chunks.Length * 2);
                Volatile.Write(ref _chunks, chunks);
            }
            var chunk = chunks[chunkIndex] ??= new LogRecord[ChunkSize];
            chunk[offset & ChunkMask] = new LogRecord(Topic, Partition, offset, key, value);
            Volatile.Write(ref _count, offset + 1);
            return offset;
        }
    }

    /// <summary>The record at <paramref name="offset"/>, which must be below <see cref="HighWatermark"/>.</summary>
    public LogRecord Get(long offset)
    {
        if ((ulong)offset >= (ulong)HighWatermark)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"{Topic}[{Partition}] has no record at this offset.");
        var chunks = Volatile.Read(ref _chunks);
        return chunks[(int)(offset >> ChunkBits)]![offset & ChunkMask];
    }
}
