using Microsoft.Extensions.Logging;

namespace Trading.Runtime.Streams.InMemory;

/// <summary>
/// A member of an in-memory consumer group. Poll, Seek, Pause, Resume, Subscribe and Close belong to one
/// polling thread; Commit, Committed and <see cref="Kill"/> may be called from any thread.
/// </summary>
/// <remarks>
/// Poll first runs pending rebalance work on the calling thread: OnRevoked for everything owned when a
/// rebalance started (then the member owns nothing and returns no records until the group is
/// reassigned), or OnAssigned for a new assignment, whose partitions start at the group's committed
/// offset (0 when none). Then it returns one record, taking partitions in turn so none starves, or
/// blocks without spinning until a record arrives, a rebalance needs it, or the timeout passes.
/// </remarks>
public sealed class InMemoryGroupConsumer : IGroupConsumer
{
    private readonly InMemoryMessageLog _log;
    private readonly ConsumerGroup _group;
    private readonly IPartitionListener _listener;
    private readonly ILogger _logger;
    private readonly GroupMembership _membership;
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly Dictionary<TopicPartition, long> _positions = [];
    private readonly HashSet<TopicPartition> _paused = [];
    private volatile string[] _subscription = [];
    private TopicPartition[] _assignment = [];
    private PartitionLog[] _assignedLogs = [];
    private int _nextIndex;
    private volatile int _state; // 0 open, 1 closed, 2 killed

    internal InMemoryGroupConsumer(InMemoryMessageLog log, ConsumerGroup group, IPartitionListener listener, ILogger logger)
    {
        _log = log;
        _group = group;
        _listener = listener;
        _logger = logger;
        _membership = group.NewMembership();
    }

    /// <inheritdoc />
    public IReadOnlyList<TopicPartition> Assignment => Volatile.Read(ref _assignment);

    /// <summary>True once closed, disposed or killed.</summary>
    public bool HasLeft => _state != 0;

    /// <inheritdoc />
    public void Subscribe(IReadOnlyCollection<string> topics)
    {
        ThrowIfLeft();
        var distinct = topics.Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.Length == 0) throw new ArgumentException("Subscribe to at least one topic.", nameof(topics));
        _subscription = distinct;
        _group.Join(_membership, this, distinct);
    }

    /// <inheritdoc />
    public LogRecord? Poll(TimeSpan timeout)
    {
        ThrowIfLeft();
        var deadline = Deadline.After(timeout);
        while (true)
        {
            _wake.Reset();
            if (_membership.ActionPending) RunRebalanceActions();
            var record = NextRecord();
            if (record is not null) return record;
            var remaining = deadline.Remaining;
            if (remaining == TimeSpan.Zero) return null;
            _wake.Wait(remaining);
            ThrowIfLeft();
        }
    }

    /// <inheritdoc />
    public void Commit(IReadOnlyList<TopicPartitionOffset> offsets) => _group.Commit(_membership, _state == 0, offsets);

    /// <inheritdoc />
    public long? Committed(TopicPartition partition) => _group.Committed(partition);

    /// <inheritdoc />
    /// <exception cref="MessageLogException">The partition is not assigned to this member.</exception>
    public void Seek(TopicPartitionOffset position)
    {
        ThrowIfLeft();
        var tp = position.TopicPartition;
        if (!_positions.ContainsKey(tp)) throw new MessageLogException($"Cannot seek {tp}: not assigned to this member.");
        if (position.Offset < 0) throw new ArgumentOutOfRangeException(nameof(position), position, "Offset must be >= 0.");
        _positions[tp] = position.Offset;
    }

    /// <inheritdoc />
    public void Pause(IReadOnlyList<TopicPartition> partitions)
    {
        ThrowIfLeft();
        foreach (var tp in partitions)
        {
            if (!_positions.ContainsKey(tp)) throw new MessageLogException($"Cannot pause {tp}: not assigned to this member.");
            _paused.Add(tp);
        }
    }

    /// <inheritdoc />
    public void Resume(IReadOnlyList<TopicPartition> partitions)
    {
        ThrowIfLeft();
        foreach (var tp in partitions) _paused.Remove(tp);
        _wake.Set();
    }

    /// <inheritdoc />
    public void Close()
    {
        if (_state != 0) return;
        var owned = _group.BeginLeave(_membership);
        try
        {
            if (owned.Length > 0) _listener.OnRevoked(this, owned);
        }
        finally
        {
            ClearAssignment();
            _state = 1;
            _group.Remove(_membership, "member closed");
            _log.Unregister(this);
        }
    }

    /// <summary>
    /// Simulates a crash: the member drops out of the group at once, with no OnRevoked and no further
    /// commits accepted; its partitions go to the other members from the last committed offsets. Any
    /// later call on this consumer throws <see cref="ObjectDisposedException"/>. Callable from any thread.
    /// </summary>
    public void Kill()
    {
        if (_state != 0) return;
        _state = 2;
        _group.Remove(_membership, "member killed");
        _log.Unregister(this);
        _wake.Set();
    }

    /// <summary>Leaves the group gracefully, like <see cref="Close"/>, if not done already.</summary>
    public void Dispose()
    {
        Close();
        _wake.Set();
    }

    internal bool IsSubscribedTo(string topic) => Array.IndexOf(_subscription, topic) >= 0;

    internal void Wake() => _wake.Set();

    private void RunRebalanceActions()
    {
        while (true)
        {
            var action = _group.TakeAction(_membership);
            switch (action.Kind)
            {
                case MemberActionKind.Revoke:
                    try
                    {
                        _logger.LogDebug("Revoking {Count} partitions", action.Partitions.Length);
                        _listener.OnRevoked(this, action.Partitions);
                    }
                    finally
                    {
                        ClearAssignment();
                        _group.CompleteRevoke(_membership, this);
                    }
                    break;
                case MemberActionKind.Assign:
                    SetAssignment(action.Partitions, action.Committed!);
                    _logger.LogDebug("Assigned {Count} partitions", action.Partitions.Length);
                    _listener.OnAssigned(this, action.Partitions);
                    break;
                default:
                    return;
            }
        }
    }

    private void SetAssignment(TopicPartition[] partitions, IReadOnlyDictionary<TopicPartition, long> committed)
    {
        _positions.Clear();
        _paused.Clear();
        foreach (var tp in partitions) _positions[tp] = committed.TryGetValue(tp, out var offset) ? offset : 0;
        _assignedLogs = partitions.Select(_log.GetPartition).ToArray();
        Volatile.Write(ref _assignment, partitions);
        _nextIndex = 0;
    }

    private void ClearAssignment()
    {
        _positions.Clear();
        _paused.Clear();
        _assignedLogs = [];
        Volatile.Write(ref _assignment, []);
    }

    private LogRecord? NextRecord()
    {
        var logs = _assignedLogs;
        for (var i = 0; i < logs.Length; i++)
        {
            var index = (_nextIndex + i) % logs.Length;
            var partition = logs[index];
            var tp = new TopicPartition(partition.Topic, partition.Partition);
            if (_paused.Count > 0 && _paused.Contains(tp)) continue;
            var position = _positions[tp];
            if (position >= partition.HighWatermark) continue;
            _positions[tp] = position + 1;
            _nextIndex = index + 1;
            return partition.Get(position);
        }
        return null;
    }

    private void ThrowIfLeft()
    {
        if (_state != 0) throw new ObjectDisposedException(nameof(InMemoryGroupConsumer), _state == 2 ? "The member was killed." : "The member left its group.");
    }
}
