using Trading.Runtime.Streams;

namespace Trading.Tests.Runtime.Providers;

/// <summary>A listener for members that never subscribe (they only read committed offsets).</summary>
internal sealed class NoOpListener : IPartitionListener
{
    public void OnAssigned(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions) { }
    public void OnRevoked(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions) { }
}
