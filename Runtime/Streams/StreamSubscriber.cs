using Trading.Runtime.Grains;
using Trading.Runtime.Messaging;

namespace Trading.Runtime.Streams;

/// <summary>One delivered stream event: where it was read and what it carries.</summary>
public sealed record StreamEvent(LogRecord Record, MessageEnvelope Envelope);

/// <summary>
/// Reads grain outputs from stream topics as a consumer-group member and delivers each message once:
/// records re-emitted by a grain that replayed its input after a crash carry the same (source, sequence)
/// and are dropped. Use one instance from one thread.
/// </summary>
public sealed class StreamSubscriber : IDisposable
{
    private readonly IGroupConsumer _consumer;
    private readonly DedupWindow _seen;
    private readonly Action<LogRecord>? _skipped;

    /// <param name="skipped">Told of every record read and not delivered (a duplicate, or undecodable), so a reader that
    /// tracks its position or commits what it handled moves past it too.</param>
    public StreamSubscriber(IMessageLog log, string groupId, IReadOnlyCollection<string> topics, int dedupWindowPerSource = 65_536,
        IPartitionListener? listener = null, Action<LogRecord>? skipped = null)
    {
        _consumer = log.CreateGroupConsumer(groupId, listener ?? NoListener.Instance);
        _consumer.Subscribe(topics);
        _seen = new DedupWindow(dedupWindowPerSource);
        _skipped = skipped;
    }

    public long DuplicatesDropped { get; private set; }
    public long Undecodable { get; private set; }
    public IGroupConsumer Consumer => _consumer;

    /// <summary>The next new event, or null when none arrived within the timeout.</summary>
    public StreamEvent? Poll(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        do
        {
            var record = _consumer.Poll(Remaining(deadline));
            if (record is null) return null;
            MessageEnvelope envelope;
            try
            {
                envelope = EnvelopeCodec.Decode(record.Value);
            }
            catch (FormatException)
            {
                Undecodable++;
                _skipped?.Invoke(record);
                continue;
            }
            if (_seen.TryAccept(envelope.Source, envelope.Sequence)) return new StreamEvent(record, envelope);
            DuplicatesDropped++;
            _skipped?.Invoke(record);
        } while (DateTime.UtcNow < deadline);
        return null;
    }

    private static TimeSpan Remaining(DateTime deadline)
    {
        var left = deadline - DateTime.UtcNow;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }

    private sealed class NoListener : IPartitionListener
    {
        public static readonly NoListener Instance = new();
        public void OnAssigned(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions) { }
        public void OnRevoked(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions) { }
    }
}
