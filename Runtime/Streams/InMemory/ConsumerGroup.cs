using Microsoft.Extensions.Logging;

namespace Trading.Runtime.Streams.InMemory;

/// <summary>
/// A consumer group of the in-memory log with Kafka's eager protocol. A membership change starts a
/// rebalance: every member that owns partitions must revoke them all (its OnRevoked runs on its next
/// Poll, or in Close); only when no member owns anything is the new range assignment computed and
/// handed out, each member picking its share up on its next Poll. So no partition is ever owned by two
/// members, and a new owner starts at the group's committed offset.
/// A member that has not revoked within the rebalance timeout is evicted, as Kafka evicts a member that
/// misses its rebalance: the others proceed without it; on its next Poll it gets OnRevoked for the
/// partitions it lost (commits are refused by then) and rejoins the group.
/// </summary>
internal sealed class ConsumerGroup
{
    private readonly object _gate = new();
    private readonly InMemoryMessageLog _log;
    private readonly ILogger _logger;
    private readonly List<(GroupMembership Membership, InMemoryGroupConsumer Consumer)> _members = [];
    private readonly Dictionary<TopicPartition, long> _committed = [];
    private long _nextSequence;
    private int _generation;
    private bool _rebalancing;
    private readonly TimeSpan _rebalanceTimeout;
    private readonly Timer _rebalanceTimer;

    public ConsumerGroup(string groupId, InMemoryMessageLog log, TimeSpan rebalanceTimeout, ILogger logger)
    {
        GroupId = groupId;
        _log = log;
        _logger = logger;
        _rebalanceTimeout = rebalanceTimeout;
        _rebalanceTimer = new Timer(OnRebalanceTimeout, null, Timeout.Infinite, Timeout.Infinite);
    }

    public string GroupId { get; }

    public GroupMembership NewMembership()
    {
        lock (_gate) return new GroupMembership(_nextSequence++);
    }

    /// <summary>Joins (or changes the subscription of) a member and starts a rebalance.</summary>
    public void Join(GroupMembership member, InMemoryGroupConsumer consumer, string[] topics)
    {
        foreach (var topic in topics) _log.GetTopic(topic);
        lock (_gate)
        {
            member.Subscription = topics;
            if (!member.InGroup)
            {
                member.InGroup = true;
                _members.Add((member, consumer));
            }
            StartRebalance("member joined or changed its subscription");
        }
    }

    /// <summary>The revoke or assignment waiting for this member, taken under the lock.</summary>
    public MemberAction TakeAction(GroupMembership member)
    {
        lock (_gate)
        {
            member.ActionPending = false;
            if (member.Evicted)
            {
                member.ActionPending = true; // until CompleteRevoke
                return new MemberAction(MemberActionKind.Revoke, member.Owned, null);
            }
            if (!member.InGroup) return MemberAction.None;
            if (member.NeedsRevoke)
            {
                member.ActionPending = true; // until CompleteRevoke
                return new MemberAction(MemberActionKind.Revoke, member.Owned, null);
            }
            if (member.PendingAssignment is { } assignment)
            {
                member.PendingAssignment = null;
                member.Owned = assignment;
                var committed = assignment
                    .Where(_committed.ContainsKey)
                    .ToDictionary(tp => tp, tp => _committed[tp]);
                return new MemberAction(MemberActionKind.Assign, assignment, committed);
            }
            return MemberAction.None;
        }
    }

    /// <summary>The member's OnRevoked has run: it owns nothing now. An evicted member rejoins here.</summary>
    public void CompleteRevoke(GroupMembership member, InMemoryGroupConsumer consumer)
    {
        lock (_gate)
        {
            if (member.Evicted)
            {
                member.Evicted = false;
                member.Owned = [];
                member.InGroup = true;
                _members.Add((member, consumer));
                StartRebalance("evicted member rejoined");
                return;
            }
            member.Owned = [];
            member.NeedsRevoke = false;
            member.ActionPending = member.PendingAssignment is not null;
            TryCompleteRebalance();
        }
    }

    /// <summary>First half of a graceful leave: the partitions whose OnRevoked the caller must run.</summary>
    public TopicPartition[] BeginLeave(GroupMembership member)
    {
        lock (_gate)
        {
            if (member.Evicted) return member.Owned;
            if (!member.InGroup) return [];
            member.PendingAssignment = null;
            return member.Owned;
        }
    }

    /// <summary>Removes a member (after its OnRevoked ran, or at once for a crash) and rebalances the rest.</summary>
    public void Remove(GroupMembership member, string reason)
    {
        lock (_gate)
        {
            if (member.Evicted)
            {
                member.Evicted = false;
                member.Owned = [];
                member.ActionPending = false;
            }
            if (!member.InGroup) return;
            member.InGroup = false;
            member.Owned = [];
            member.NeedsRevoke = false;
            member.PendingAssignment = null;
            member.ActionPending = false;
            _members.RemoveAll(m => ReferenceEquals(m.Membership, member));
            StartRebalance(reason);
        }
    }

    public bool IsInGroup(GroupMembership member)
    {
        lock (_gate) return member.InGroup;
    }

    /// <exception cref="MessageLogException">The member is no longer in the group.</exception>
    public void Commit(GroupMembership member, bool memberAlive, IReadOnlyList<TopicPartitionOffset> offsets)
    {
        lock (_gate)
        {
            if (!memberAlive)
                throw new MessageLogException($"Commit rejected: the member left group '{GroupId}' (closed, disposed or killed).");
            if (member.Evicted)
                throw new MessageLogException($"Commit rejected: the member was evicted from group '{GroupId}' for missing a rebalance.");
            foreach (var o in offsets)
            {
                if (o.Offset < 0) throw new ArgumentOutOfRangeException(nameof(offsets), o, "Committed offsets must be >= 0.");
                _log.GetPartition(o.TopicPartition);
                _committed[o.TopicPartition] = o.Offset;
            }
        }
    }

    public long? Committed(TopicPartition partition)
    {
        lock (_gate) return _committed.TryGetValue(partition, out var offset) ? offset : null;
    }

    private void StartRebalance(string reason)
    {
        _generation++;
        _rebalancing = true;
        _logger.LogDebug("Group {Group} rebalancing to generation {Generation}: {Reason}", GroupId, _generation, reason);
        foreach (var (member, _) in _members)
        {
            member.PendingAssignment = null;
            member.NeedsRevoke = member.Owned.Length > 0;
        }
        TryCompleteRebalance();
        if (_rebalancing) _rebalanceTimer.Change(_rebalanceTimeout, Timeout.InfiniteTimeSpan);
        WakeAll();
    }

    private void OnRebalanceTimeout(object? state)
    {
        lock (_gate)
        {
            if (!_rebalancing) return;
            var stragglers = _members.Where(m => m.Membership.NeedsRevoke).ToList();
            if (stragglers.Count == 0) return;
            foreach (var (member, consumer) in stragglers)
            {
                _logger.LogWarning("Group {Group}: member {Member} did not revoke within {Timeout}; evicting it", GroupId, member.Sequence, _rebalanceTimeout);
                member.InGroup = false;
                member.Evicted = true;
                member.NeedsRevoke = false;
                member.PendingAssignment = null;
                member.ActionPending = true;
                _members.RemoveAll(m => ReferenceEquals(m.Membership, member));
                consumer.Wake();
            }
            StartRebalance("members evicted after the rebalance timeout");
        }
    }

    private void TryCompleteRebalance()
    {
        if (!_rebalancing || _members.Any(m => m.Membership.NeedsRevoke)) return;
        _rebalancing = false;
        _rebalanceTimer.Change(Timeout.Infinite, Timeout.Infinite);
        var assignment = RangeAssignor.Assign(_members.Select(m => m.Membership).ToList(), _log.PartitionCount);
        foreach (var (member, partitions) in assignment)
            member.PendingAssignment = partitions.ToArray();
        _logger.LogDebug("Group {Group} generation {Generation} assigned to {Members} members", GroupId, _generation, _members.Count);
        WakeAll();
    }

    private void WakeAll()
    {
        foreach (var (member, consumer) in _members)
        {
            if (member.NeedsRevoke || member.PendingAssignment is not null) member.ActionPending = true;
            consumer.Wake();
        }
    }
}
