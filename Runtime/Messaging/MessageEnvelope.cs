namespace Trading.Runtime.Messaging;

/// <summary>
/// The value of every record the runtime writes. Kafka 0.9 has no record headers, so the routing and
/// identity fields travel inside the value, in front of the payload.
/// </summary>
/// <param name="Source">Who produced the record: a grain id (<c>Type/Key</c>) or a client id.</param>
/// <param name="Sequence">
/// Position of the record among its source's outputs, deterministic: for a grain, the input offset
/// that caused it times <see cref="OutputsPerInput"/> plus the output's index. Replays reproduce it.
/// </param>
/// <param name="Type">Message type name, resolved by the <see cref="MessageTypeRegistry"/>.</param>
/// <param name="CorrelationId">Set on requests that expect a reply, copied onto the reply.</param>
/// <param name="ReplyTo">Topic the reply goes to (the gateway's reply topic).</param>
/// <param name="Timestamp">Epoch milliseconds set by the original producer; grains use it as their clock.</param>
public sealed record MessageEnvelope(
    MessageKind Kind,
    string Source,
    long Sequence,
    string Type,
    string? CorrelationId,
    string? ReplyTo,
    long Timestamp,
    byte[] Payload)
{
    /// <summary>Upper bound on outputs one input may cause; keeps sequence numbers unique per source.</summary>
    public const int OutputsPerInput = 1 << 16;

    /// <summary>The deterministic message id: source, input offset and output index.</summary>
    public string MessageId => $"{Source}@{Sequence / OutputsPerInput}#{Sequence % OutputsPerInput}";
}
