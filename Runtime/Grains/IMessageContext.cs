namespace Trading.Runtime.Grains;

/// <summary>
/// What a grain knows about the message it is handling, and how it answers. Everything here comes
/// from the input log, so a replay sees exactly the same values.
/// </summary>
public interface IMessageContext
{
    /// <summary>Epoch milliseconds stamped by the message's original producer: the grain's only clock.</summary>
    long Timestamp { get; }

    /// <summary>Offset of the message in the grain's input partition.</summary>
    long Offset { get; }

    /// <summary>Deterministic id of the message (source, input offset, index).</summary>
    string MessageId { get; }

    /// <summary>True when the sender awaits a reply.</summary>
    bool ExpectsReply { get; }

    /// <summary>Answers the sender (no-op if the sender did not ask). At most one reply per message.</summary>
    void Reply(object reply);

    /// <summary>Emits an event to a stream (topic), keyed for partitioning. Delivery is batched and never blocks the turn.</summary>
    void Emit(string topic, string key, object message);

    /// <summary>
    /// Emits a message to another grain (its input topic, keyed by its key) and hands it this message's
    /// reply duty: the receiver's <see cref="Reply"/> answers the original sender. This turn can no longer reply.
    /// </summary>
    void Forward(string topic, string key, object message);

    /// <summary>
    /// Writes a snapshot barrier into every partition of <paramref name="topic"/> (a grain type's input topic); the
    /// silos cut that type's grains at it. Returns the number of partitions written to.
    /// </summary>
    int EmitBarrier(string topic, Snapshots.SnapshotBarrier barrier);
}
