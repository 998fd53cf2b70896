namespace Trading.Runtime.Streams.InMemory;

/// <summary>A topic of the in-memory log: a fixed set of partitions.</summary>
internal sealed class InMemoryTopic
{
    public InMemoryTopic(string name, int partitionCount)
    {
        Name = name;
        Partitions = Enumerable.Range(0, partitionCount).Select(p => new PartitionLog(name, p)).ToArray();
    }

    public string Name { get; }
    public PartitionLog[] Partitions { get; }
}
