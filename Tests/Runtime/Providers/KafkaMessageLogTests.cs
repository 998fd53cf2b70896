using Trading.Runtime.Configuration;
using Trading.Runtime.Streams;
using Trading.Runtime.Streams.Kafka;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.Runtime.Providers;

/// <summary>
/// The message-log contract against the real Kafka 0.9.0.1 broker (scripts/services.sh up). A missing
/// broker fails these tests: topic metadata never becomes ready.
/// </summary>
[Trait("Category", "Integration")]
public sealed class KafkaMessageLogTests : MessageLogContract, IDisposable
{
    private readonly KafkaMessageLog _log = new(FastRebalanceOptions(), metadataTimeout: TimeSpan.FromSeconds(20));

    protected override IMessageLog Log => _log;
    protected override TimeSpan Patience => TimeSpan.FromSeconds(45);
    protected override TimeSpan QuietPeriod => TimeSpan.FromSeconds(1.5);
    protected override void Kill(IGroupConsumer consumer) => ((KafkaGroupConsumer)consumer).Kill();

    public void Dispose() => _log.Dispose();

    /// <summary>The broker's minimum session timeout and a short heartbeat, so rebalances take seconds.</summary>
    private static KafkaOptions FastRebalanceOptions()
    {
        var options = TestServers.Kafka;
        options.SessionTimeoutMs = 6000;
        options.Consumer["heartbeat.interval.ms"] = "500";
        return options;
    }
}
