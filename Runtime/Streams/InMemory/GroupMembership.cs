namespace Trading.Runtime.Streams.InMemory;

/// <summary>A member's place in its <see cref="ConsumerGroup"/>. Fields are guarded by the group's lock, except <see cref="ActionPending"/>.</summary>
internal sealed class GroupMembership
{
    public GroupMembership(long sequence) => Sequence = sequence;

    /// <summary>Join order; the assignor sorts members by it.</summary>
    public long Sequence { get; }
    public string[] Subscription { get; set; } = [];
    public bool InGroup { get; set; }

    /// <summary>Dropped for not revoking within the rebalance timeout; still holds <see cref="Owned"/> as lost.</summary>
    public bool Evicted { get; set; }

    /// <summary>Partitions the member has been told it owns (OnAssigned ran or is about to).</summary>
    public TopicPartition[] Owned { get; set; } = [];

    /// <summary>The member must revoke <see cref="Owned"/> before the group can be reassigned.</summary>
    public bool NeedsRevoke { get; set; }

    /// <summary>A computed assignment the member has not picked up yet.</summary>
    public TopicPartition[]? PendingAssignment { get; set; }

    /// <summary>Read by the polling thread without the lock: a revoke or an assignment waits.</summary>
    public volatile bool ActionPending;
}

/// <summary>What a member must do on its polling thread.</summary>
internal readonly record struct MemberAction(MemberActionKind Kind, TopicPartition[] Partitions, IReadOnlyDictionary<TopicPartition, long>? Committed)
{
    public static readonly MemberAction None = new(MemberActionKind.None, [], null);
}

internal enum MemberActionKind { None, Revoke, Assign }
