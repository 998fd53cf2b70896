using Trading.Runtime.Streams;

namespace Trading.Runtime.Operations;

/// <summary>
/// Where gateways write the desired consumption state and silos report what they applied: Redis in the full mode
/// (keys under <c>{prefix}{cluster}:ops:</c>), memory in the embedded mode.
/// </summary>
public interface IOperationsControlStore
{
    Task<ConsumptionControlState> ReadAsync(CancellationToken cancellationToken = default);

    /// <summary>Applies <paramref name="change"/> atomically (retrying on a concurrent change), bumping the version; returns the new state.</summary>
    Task<ConsumptionControlState> UpdateAsync(Func<ConsumptionControlState, ConsumptionControlState> change, CancellationToken cancellationToken = default);

    Task AcknowledgeAsync(SiloControlAck ack, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SiloControlAck>> AcknowledgementsAsync(CancellationToken cancellationToken = default);

    /// <summary>Synchronous: called on a grain type's polling thread, so no rebalance can interleave with the reset it guards.</summary>
    bool TryClaimReset(string resetId, TopicPartition partition, string siloId);

    void ResetApplied(string resetId, TopicPartition partition, string siloId, long offset);

    Task<IReadOnlyList<ResetProgress>> ResetProgressAsync(string resetId, string topic, CancellationToken cancellationToken = default);
}

/// <summary>The ledger of one silo over a control store.</summary>
public sealed class ControlStoreResetLedger(IOperationsControlStore store, string siloId) : IOffsetResetLedger
{
    public bool TryClaim(string resetId, TopicPartition partition) => store.TryClaimReset(resetId, partition, siloId);

    public void Applied(string resetId, TopicPartition partition, long offset) => store.ResetApplied(resetId, partition, siloId, offset);
}
