namespace Trading.Runtime.Streams.InMemory;

/// <summary>
/// Kafka's range assignment, deterministic: for each topic, its subscribers sorted by join order get
/// contiguous ranges of partitions, the first <c>partitions % members</c> of them one extra.
/// </summary>
internal static class RangeAssignor
{
    public static Dictionary<GroupMembership, List<TopicPartition>> Assign(
        IReadOnlyList<GroupMembership> members, Func<string, int> partitionCount)
    {
        var result = members.ToDictionary(m => m, _ => new List<TopicPartition>());
        var topics = members.SelectMany(m => m.Subscription).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var topic in topics)
        {
            var subscribers = members.Where(m => m.Subscription.Contains(topic, StringComparer.Ordinal)).OrderBy(m => m.Sequence).ToList();
            var count = partitionCount(topic);
            var perMember = count / subscribers.Count;
            var extra = count % subscribers.Count;
            for (var i = 0; i < subscribers.Count; i++)
            {
                var start = i * perMember + Math.Min(i, extra);
                var length = perMember + (i < extra ? 1 : 0);
                for (var p = start; p < start + length; p++) result[subscribers[i]].Add(new TopicPartition(topic, p));
            }
        }
        return result;
    }
}
