using Trading.Runtime.Grains;
using Trading.Runtime.Messaging;

namespace Trading.Runtime.Hosting;

/// <summary>
/// The <see cref="IMessageContext"/> of one turn. Outputs are collected and handed to the batcher when
/// the turn ends; each gets a deterministic sequence (input offset * OutputsPerInput + index).
/// </summary>
internal sealed class TurnContext : IMessageContext
{
    public const string ErrorReplyType = "$error";

    private readonly List<OutputRecord> _outputs = new();
    private readonly MessageWriter _payload = new(1024);
    private readonly Func<string, int> _partitionCount;
    private MessageTypeRegistry _messages = null!;
    private MessageEnvelope _input = null!;
    private string _source = "";
    private bool _replied;

    public TurnContext(Func<string, int>? partitionCount = null) =>
        _partitionCount = partitionCount ?? (_ => throw new InvalidOperationException("Barriers need the message log's partition counts."));

    public long Timestamp => _input.Timestamp;
    public long Offset { get; private set; }
    public string MessageId => _input.MessageId;
    public bool ExpectsReply => _input.CorrelationId is not null && _input.ReplyTo is not null;
    public IReadOnlyList<OutputRecord> Outputs => _outputs;

    public void Begin(string source, MessageEnvelope input, long offset, MessageTypeRegistry messages)
    {
        _outputs.Clear();
        _source = source;
        _input = input;
        _messages = messages;
        Offset = offset;
        _replied = false;
    }

    public void Reply(object reply)
    {
        if (!ExpectsReply) return;
        if (_replied) throw new InvalidOperationException("A message can be answered only once.");
        _replied = true;
        AddMessage(_input.ReplyTo!, _input.CorrelationId!, MessageKind.Reply, _messages.NameOf(reply.GetType()), reply, _input.CorrelationId);
    }

    /// <summary>Answers the sender with an error, when the turn failed.</summary>
    public void ReplyError(string message)
    {
        if (!ExpectsReply || _replied) return;
        _replied = true;
        Add(_input.ReplyTo!, _input.CorrelationId!, MessageKind.Reply, ErrorReplyType, System.Text.Encoding.UTF8.GetBytes(message), _input.CorrelationId);
    }

    public void Emit(string topic, string key, object message)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(key);
        AddMessage(topic, key, MessageKind.Message, TypeName(message.GetType()), message, null);
    }

    public void Forward(string topic, string key, object message)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(key);
        if (!ExpectsReply || _replied)
        {
            AddMessage(topic, key, MessageKind.Message, TypeName(message.GetType()), message, null);
            return;
        }
        _replied = true;
        AddMessage(topic, key, MessageKind.Message, TypeName(message.GetType()), message, _input.CorrelationId, _input.ReplyTo);
    }

    public int EmitBarrier(string topic, Snapshots.SnapshotBarrier barrier)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var count = _partitionCount(topic);
        var keys = Snapshots.BarrierKeys.For(count);
        var payload = barrier.Encode();
        for (var p = 0; p < count; p++) Add(topic, keys[p], MessageKind.Barrier, nameof(Snapshots.SnapshotBarrier), payload, null);
        return count;
    }

    /// <summary>Drops the outputs of a failed turn (its state changes are the grain's responsibility).</summary>
    public void DiscardOutputs() => _outputs.Clear();

    private string TypeName(Type type) =>
        _messages.TryNameOf(type, out var name) ? name : type.Name;

    /// <summary>Serializes the message into the turn's reusable buffer and encodes the envelope around it: one allocation per output.</summary>
    private void AddMessage(string topic, string key, MessageKind kind, string type, object message, string? correlation, string? replyTo = null)
    {
        _payload.Reset();
        _messages.Serialize(message, _payload);
        Add(topic, key, kind, type, _payload.WrittenSpan, correlation, replyTo);
    }

    private void Add(string topic, string key, MessageKind kind, string type, ReadOnlySpan<byte> payload, string? correlation, string? replyTo = null)
    {
        if (_outputs.Count >= MessageEnvelope.OutputsPerInput - 1)
            throw new InvalidOperationException($"A turn may emit at most {MessageEnvelope.OutputsPerInput - 1} outputs.");
        var sequence = Offset * MessageEnvelope.OutputsPerInput + _outputs.Count;
        _outputs.Add(new OutputRecord(topic, key, EnvelopeCodec.Encode(kind, _source, sequence, type, correlation, replyTo, _input.Timestamp, payload), null));
    }
}
