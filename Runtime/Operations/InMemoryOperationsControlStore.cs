using Trading.Runtime.Streams;

namespace Trading.Runtime.Operations;

/// <summary>The control store of the embedded mode: gateway and silo share the process.</summary>
public sealed class InMemoryOperationsControlStore : IOperationsControlStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SiloControlAck> _acks = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Reset, TopicPartition Partition), ResetProgress> _resets = new();
    private ConsumptionControlState _state = ConsumptionControlState.Initial;

    public Task<ConsumptionControlState> ReadAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_state);
    }

    public Task<ConsumptionControlState> UpdateAsync(Func<ConsumptionControlState, ConsumptionControlState> change, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _state = change(_state) with { Version = _state.Version + 1 };
            return Task.FromResult(_state);
        }
    }

    public Task AcknowledgeAsync(SiloControlAck ack, CancellationToken cancellationToken = default)
    {
        lock (_gate) _acks[ack.SiloId] = ack;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SiloControlAck>> AcknowledgementsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<SiloControlAck>>(_acks.Values.ToArray());
    }

    public bool TryClaimReset(string resetId, TopicPartition partition, string siloId)
    {
        lock (_gate) return _resets.TryAdd((resetId, partition), new ResetProgress(partition.Partition, siloId, null));
    }

    public void ResetApplied(string resetId, TopicPartition partition, string siloId, long offset)
    {
        lock (_gate) _resets[(resetId, partition)] = new ResetProgress(partition.Partition, siloId, offset);
    }

    public Task<IReadOnlyList<ResetProgress>> ResetProgressAsync(string resetId, string topic, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<ResetProgress>>(_resets.Where(r => r.Key.Reset == resetId && r.Key.Partition.Topic == topic)
                .Select(r => r.Value).OrderBy(r => r.Partition).ToArray());
    }
}
