using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Trading.Runtime.Streams.Kafka;

/// <summary>Routes librdkafka's log and error events to an <see cref="ILogger"/> instead of stderr.</summary>
internal static class KafkaLogging
{
    public static void Log(ILogger logger, LogMessage message) =>
        logger.Log(ToLevel(message.Level), "librdkafka {Facility} {Name}: {Message}", message.Facility, message.Name, message.Message);

    public static void Error(ILogger logger, Error error) =>
        logger.Log(error.IsFatal ? LogLevel.Error : LogLevel.Warning, "Kafka client error {Code}: {Reason}", error.Code, error.Reason);

    private static LogLevel ToLevel(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}
