using Trading.Runtime.Streams;

namespace Trading.Tests.Runtime.Providers;

/// <summary>
/// The rebalance callbacks of every member of one group, in the order they ran, with a check that no
/// partition is ever assigned to a member while another still owns it (revoke before reassign).
/// </summary>
internal sealed class GroupEvents
{
    private readonly object _gate = new();
    private readonly Dictionary<TopicPartition, string> _owner = [];
    private readonly List<(int Sequence, string Member, string Kind, TopicPartition Partition)> _events = [];
    private readonly List<string> _violations = [];

    public void Assigned(string member, IEnumerable<TopicPartition> partitions) => Record(member, "assigned", partitions, (p) =>
    {
        if (_owner.TryGetValue(p, out var holder)) _violations.Add($"{p} assigned to {member} while {holder} still owns it");
        _owner[p] = member;
    });

    public void Revoked(string member, IEnumerable<TopicPartition> partitions) => Record(member, "revoked", partitions, (p) =>
    {
        if (!_owner.TryGetValue(p, out var holder) || holder != member) _violations.Add($"{member} revoked {p} it did not own");
        _owner.Remove(p);
    });

    /// <summary>A crashed member's ownership ends without a callback.</summary>
    public void Crashed(string member)
    {
        lock (_gate)
            foreach (var p in _owner.Where(o => o.Value == member).Select(o => o.Key).ToList()) _owner.Remove(p);
    }

    public IReadOnlyList<string> Violations
    {
        get { lock (_gate) return _violations.ToList(); }
    }

    /// <summary>Sequence number of the last event of that kind for that member and partition, or -1.</summary>
    public int Last(string member, string kind, TopicPartition partition)
    {
        lock (_gate)
            return _events.LastOrDefault(e => e.Member == member && e.Kind == kind && e.Partition == partition, (-1, "", "", default)).Sequence;
    }

    public int Count(string member, string kind)
    {
        lock (_gate) return _events.Count(e => e.Member == member && e.Kind == kind);
    }

    private void Record(string member, string kind, IEnumerable<TopicPartition> partitions, Action<TopicPartition> check)
    {
        lock (_gate)
            foreach (var p in partitions)
            {
                check(p);
                _events.Add((_events.Count, member, kind, p));
            }
    }
}
