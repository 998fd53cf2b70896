namespace Trading.Runtime.Streams;

/// <summary>A partition of a topic.</summary>
public readonly record struct TopicPartition(string Topic, int Partition)
{
    public override string ToString() => $"{Topic}[{Partition}]";
}

/// <summary>A position in a partition. For commits, <see cref="Offset"/> is the next offset to read.</summary>
public readonly record struct TopicPartitionOffset(string Topic, int Partition, long Offset)
{
    public TopicPartition TopicPartition => new(Topic, Partition);
}

/// <summary>One record read from the log.</summary>
public sealed record LogRecord(string Topic, int Partition, long Offset, string Key, byte[] Value)
{
    public TopicPartition TopicPartition => new(Topic, Partition);
}

/// <summary>The outcome of one produce: where the record landed, or why it did not.</summary>
public readonly record struct DeliveryReport(string Topic, int Partition, long Offset, string? Error)
{
    public bool Succeeded => Error is null;
}
