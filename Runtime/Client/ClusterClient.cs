using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Trading.Runtime.Configuration;
using Trading.Runtime.Grains;
using Trading.Runtime.Hosting;
using Trading.Runtime.Messaging;
using Trading.Runtime.Streams;

namespace Trading.Runtime.Client;

/// <summary>
/// The cluster client of a gateway. Requests go to the grain type's input topic keyed by grain key;
/// replies come back on this client's own reply topic (<c>{cluster}.replies.{clientName}</c>) and are
/// matched by correlation id. Every request carries the source <c>client/{clientName}</c> and a
/// sequence that grows across restarts (start time in ms * 1e6 + counter), so grains drop resent
/// duplicates.
/// </summary>
public sealed class ClusterClient : IClusterClient, IPartitionListener, IDisposable
{
    private const long SequencesPerMillisecond = 1_000_000;

    private readonly IMessageLog _log;
    private readonly GrainTypeRegistry _types;
    private readonly RuntimeOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly IMessageProducer _producer;
    private readonly ConcurrentDictionary<string, PendingReply> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _source;
    private readonly Thread _replyThread;
    private readonly TaskCompletionSource _replyTopicReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sequence;

    public ClusterClient(IMessageLog log, GrainTypeRegistry types, string clusterId, string clientName,
        RuntimeOptions options, TimeProvider clock, ILogger<ClusterClient> logger)
    {
        _log = log;
        _types = types;
        _options = options;
        _clock = clock;
        _logger = logger;
        _source = $"client/{clientName}";
        _sequence = clock.GetUtcNow().ToUnixTimeMilliseconds() * SequencesPerMillisecond;
        ReplyTopic = $"{clusterId}.replies.{clientName}";
        _producer = log.CreateProducer();
        log.PartitionCount(ReplyTopic); // create the reply topic before subscribing: no empty first assignment
        _replyThread = new Thread(ReplyLoop) { IsBackground = true, Name = "cluster-client-replies" };
        _replyThread.Start();
    }

    public string ReplyTopic { get; }

    /// <summary>Completes once the reply topic is assigned, so replies cannot be missed.</summary>
    public Task Ready => _replyTopicReady.Task;

    public async Task SendAsync<TGrain>(string key, object message, CancellationToken cancellationToken = default) where TGrain : IGrain
    {
        var type = _types.ForInterface(typeof(TGrain));
        await ProduceAsync(type, key, message, correlationId: null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TReply> AskAsync<TGrain, TReply>(string key, object request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TGrain : IGrain
    {
        await Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        var type = _types.ForInterface(typeof(TGrain));
        var grain = new GrainId(type.Name, key);
        var wait = timeout ?? TimeSpan.FromSeconds(_options.AskTimeoutSeconds);
        var correlationId = Guid.NewGuid().ToString("N");
        var pending = new PendingReply(type);
        _pending[correlationId] = pending;
        try
        {
            await ProduceAsync(type, key, request, correlationId, cancellationToken).ConfigureAwait(false);
            object reply;
            try
            {
                reply = await pending.Completion.Task.WaitAsync(wait, _clock, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new GrainReplyTimeoutException(grain, wait);
            }
            if (reply is GrainError error) throw new GrainCallException(grain, error.Message);
            return (TReply)reply;
        }
        finally
        {
            _pending.TryRemove(correlationId, out _);
        }
    }

    private Task ProduceAsync(GrainTypeDescriptor type, string key, object message, string? correlationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var payload = MessageWriter.Rent();
        byte[] value;
        try
        {
            type.Messages.Serialize(message, payload);
            value = EnvelopeCodec.Encode(MessageKind.Message, _source, Interlocked.Increment(ref _sequence),
                type.Messages.NameOf(message.GetType()), correlationId, correlationId is null ? null : ReplyTopic,
                _clock.GetUtcNow().ToUnixTimeMilliseconds(), payload.WrittenSpan);
        }
        finally
        {
            MessageWriter.Return(payload);
        }
        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _producer.Produce(type.InputTopic, key, value, report =>
        {
            if (report.Succeeded) delivered.TrySetResult();
            else delivered.TrySetException(new IOException($"The log refused the message for {type.Name}/{key}: {report.Error}"));
        });
        return delivered.Task.WaitAsync(cancellationToken);
    }

    private void ReplyLoop()
    {
        using var consumer = _log.CreateGroupConsumer(ReplyTopic, this);
        consumer.Subscribe([ReplyTopic]);
        while (!_stop.IsCancellationRequested)
        {
            LogRecord? record;
            try
            {
                record = consumer.Poll(TimeSpan.FromMilliseconds(50));
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                _logger.LogWarning(e, "Reply consumer poll failed");
                continue;
            }
            if (record is null) continue;
            Deliver(record);
        }
        consumer.Close();
    }

    private void Deliver(LogRecord record)
    {
        MessageEnvelope envelope;
        try
        {
            envelope = EnvelopeCodec.Decode(record.Value);
        }
        catch (FormatException e)
        {
            _logger.LogWarning(e, "Undecodable reply at {Partition}@{Offset}", record.TopicPartition, record.Offset);
            return;
        }
        // Replies re-emitted by a replaying grain find no pending request and are dropped here.
        if (envelope.CorrelationId is null || !_pending.TryGetValue(envelope.CorrelationId, out var pending)) return;
        try
        {
            object reply = envelope.Type == TurnContext.ErrorReplyType
                ? new GrainError(Encoding.UTF8.GetString(envelope.Payload))
                : pending.Type.Messages.Deserialize(envelope.Type, envelope.Payload);
            pending.Completion.TrySetResult(reply);
        }
        catch (FormatException e)
        {
            pending.Completion.TrySetException(e);
        }
    }

    public void OnAssigned(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions)
    {
        // Only replies to requests made from now on matter: the first time, start at the end of the
        // reply topic. Later assignments continue where the group is; stale replies find no request.
        if (partitions.Count == 0 || _replyTopicReady.Task.IsCompleted) return;
        using var reader = _log.CreateReader();
        foreach (var tp in partitions)
            consumer.Seek(new TopicPartitionOffset(tp.Topic, tp.Partition, reader.Watermarks(tp).High));
        _replyTopicReady.TrySetResult();
    }

    public void OnRevoked(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions) { }

    private int _disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stop.Cancel();
        _replyThread.Join();
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
        _stop.Dispose();
    }

    private sealed record PendingReply(GrainTypeDescriptor Type)
    {
        public TaskCompletionSource<object> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record GrainError(string Message);
}
