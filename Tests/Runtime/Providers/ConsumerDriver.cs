using System.Collections.Concurrent;
using Trading.Runtime.Streams;

namespace Trading.Tests.Runtime.Providers;

/// <summary>
/// Runs one group member on its own polling thread, as a silo would: records what it receives,
/// tracks the next offset it has processed per partition, commits those in OnRevoked, and runs
/// test actions (pause, seek, ...) on the polling thread.
/// </summary>
internal sealed class ConsumerDriver : IPartitionListener, IDisposable
{
    private readonly GroupEvents _events;
    private readonly object _gate = new();
    private readonly List<LogRecord> _records = [];
    private readonly Dictionary<TopicPartition, long> _processed = [];
    private readonly Dictionary<TopicPartition, long> _committedOnRevoke = [];
    private readonly ConcurrentQueue<Action> _actions = new();
    private IReadOnlyList<TopicPartition> _assignment = [];
    private Thread? _thread;
    private volatile bool _stop;
    private volatile bool _closeOnStop;
    private Exception? _failure;

    public ConsumerDriver(IMessageLog log, string groupId, string name, GroupEvents events)
    {
        Name = name;
        _events = events;
        Consumer = log.CreateGroupConsumer(groupId, this);
    }

    public string Name { get; }
    public IGroupConsumer Consumer { get; }

    /// <summary>Runs inside OnAssigned, on the polling thread, after the assignment is recorded.</summary>
    public Action<IGroupConsumer, IReadOnlyList<TopicPartition>>? OnAssignedHook { get; init; }

    public IReadOnlyList<LogRecord> Records
    {
        get { lock (_gate) return _records.ToList(); }
    }

    /// <summary>What OnAssigned/OnRevoked told this member it owns.</summary>
    public IReadOnlyList<TopicPartition> Assignment
    {
        get { lock (_gate) return _assignment; }
    }

    public IReadOnlyDictionary<TopicPartition, long> CommittedOnRevoke
    {
        get { lock (_gate) return new Dictionary<TopicPartition, long>(_committedOnRevoke); }
    }

    public void Start(params string[] topics)
    {
        _thread = new Thread(() => Loop(topics)) { IsBackground = true, Name = $"driver-{Name}" };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="action"/> on the polling thread and waits for it.</summary>
    public T Run<T>(Func<IGroupConsumer, T> action)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _actions.Enqueue(() =>
        {
            try { done.SetResult(action(Consumer)); }
            catch (Exception e) { done.SetException(e); }
        });
        if (!done.Task.Wait(TimeSpan.FromSeconds(60))) Assert.Fail($"{Name}: action did not run on the polling thread");
        return done.Task.Result;
    }

    public void Run(Action<IGroupConsumer> action) => Run(c => { action(c); return 0; });

    /// <summary>Commits what has been processed so far (from the test thread: Commit is callable from any thread).</summary>
    public void CommitProcessed()
    {
        List<TopicPartitionOffset> offsets;
        lock (_gate) offsets = _processed.Select(p => new TopicPartitionOffset(p.Key.Topic, p.Key.Partition, p.Value)).ToList();
        Consumer.Commit(offsets);
    }

    /// <summary>Stops polling; with <paramref name="close"/> the member leaves the group from its polling thread.</summary>
    public void Stop(bool close)
    {
        _closeOnStop = close;
        _stop = true;
        if (_thread is not null && !_thread.Join(TimeSpan.FromSeconds(60))) Assert.Fail($"{Name}: polling thread did not stop");
        ThrowIfFailed();
    }

    public void ThrowIfFailed()
    {
        if (_failure is not null) throw new Xunit.Sdk.XunitException($"{Name} polling thread failed: {_failure}");
    }

    public void OnAssigned(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions)
    {
        lock (_gate)
        {
            _assignment = partitions.ToList();
            foreach (var p in partitions) _processed.Remove(p);
        }
        _events.Assigned(Name, partitions);
        OnAssignedHook?.Invoke(consumer, partitions);
    }

    public void OnRevoked(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions)
    {
        List<TopicPartitionOffset> offsets;
        lock (_gate)
        {
            offsets = partitions.Where(_processed.ContainsKey)
                .Select(p => new TopicPartitionOffset(p.Topic, p.Partition, _processed[p])).ToList();
        }
        consumer.Commit(offsets);
        lock (_gate)
        {
            foreach (var o in offsets) _committedOnRevoke[o.TopicPartition] = o.Offset;
            foreach (var p in partitions) _processed.Remove(p);
            _assignment = [];
        }
        _events.Revoked(Name, partitions);
    }

    public void Dispose()
    {
        if (_thread is { IsAlive: true }) Stop(close: true);
        try { Consumer.Dispose(); } catch (ObjectDisposedException) { }
    }

    private void Loop(string[] topics)
    {
        try
        {
            Consumer.Subscribe(topics);
            while (!_stop)
            {
                while (_actions.TryDequeue(out var action)) action();
                var record = Consumer.Poll(TimeSpan.FromMilliseconds(100));
                if (record is null) continue;
                lock (_gate)
                {
                    _records.Add(record);
                    _processed[record.TopicPartition] = record.Offset + 1;
                }
            }
            if (_closeOnStop) Consumer.Close();
        }
        catch (Exception e)
        {
            _failure = e;
        }
    }
}
