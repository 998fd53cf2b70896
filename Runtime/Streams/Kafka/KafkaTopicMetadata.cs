using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Trading.Runtime.Configuration;

namespace Trading.Runtime.Streams.Kafka;

/// <summary>
/// Partition counts from broker metadata. Asking for a missing topic makes a broker with
/// auto.create.topics.enable create it (Kafka 0.9 has no CreateTopics API); this waits until the
/// metadata lists the topic's partitions, each with a leader. Counts are cached: Kafka topics only grow
/// by an operator's hand, and a grown topic would break key placement anyway.
/// </summary>
internal sealed class KafkaTopicMetadata : IDisposable
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Lazy<IAdminClient> _admin;
    private readonly ILogger _logger;
    private readonly TimeSpan _timeout;

    public KafkaTopicMetadata(KafkaOptions options, ILogger logger, TimeSpan timeout)
    {
        _logger = logger;
        _timeout = timeout;
        _admin = new Lazy<IAdminClient>(() => new AdminClientBuilder(options.CreateAdminConfig())
            .SetLogHandler((_, m) => KafkaLogging.Log(logger, m))
            .SetErrorHandler((_, e) => KafkaLogging.Error(logger, e))
            .Build());
    }

    /// <exception cref="MessageLogException">The topic's partitions did not all get a leader in time.</exception>
    public int PartitionCount(string topic)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        return _counts.TryGetValue(topic, out var count) ? count : _counts.GetOrAdd(topic, Fetch(topic));
    }

    public void Dispose()
    {
        if (_admin.IsValueCreated) _admin.Value.Dispose();
    }

    private int Fetch(string topic)
    {
        var deadline = Deadline.After(_timeout);
        string last = "no answer";
        while (true)
        {
            try
            {
                var metadata = _admin.Value.GetMetadata(topic, TimeSpan.FromSeconds(5));
                var t = metadata.Topics.SingleOrDefault(x => x.Topic == topic);
                if (t is null) last = "topic absent from metadata";
                else if (t.Error.IsError) last = t.Error.Reason;
                else if (t.Partitions.Count == 0) last = "no partitions yet";
                else if (t.Partitions.Any(p => p.Leader < 0 || p.Error.IsError)) last = "partitions without a leader";
                else
                {
                    _logger.LogDebug("Topic {Topic} has {Count} partitions", topic, t.Partitions.Count);
                    return t.Partitions.Count;
                }
            }
            catch (KafkaException e)
            {
                last = e.Error.Reason;
            }
            if (deadline.Remaining == TimeSpan.Zero)
                throw new MessageLogException($"Topic '{topic}' metadata not ready after {_timeout.TotalSeconds:0} s: {last}.");
            Thread.Sleep(100);
        }
    }
}
