using System.Text.Json;
using Microsoft.Extensions.Options;
using Trading.Runtime.Configuration;
using Trading.Runtime.Messaging;
using Trading.Runtime.Streams;

namespace Trading.Client.Api.Operations;

/// <summary>
/// Evaluates the key indicators against their thresholds every <see cref="OperationsOptions.AlertIntervalMs"/> and
/// writes a <see cref="RiskAlert"/> to the risk-alerts topic and the log when an indicator's state changes (above the
/// threshold: FIRING; back: RESOLVED). A persisting condition is reported once. Off when
/// <see cref="OperationsOptions.AlertsEnabled"/> is false (run it on one gateway of several).
/// </summary>
public sealed class AlertMonitor(
    KeyIndicators indicators, IMessageLog log, IOptions<OperationsOptions> options, IOptions<TopicOptions> topics, IOptions<ClusterOptions> cluster,
    TimeProvider clock, ILogger<AlertMonitor> logger) : BackgroundService
{
    private readonly Dictionary<string, bool> _firing = new(StringComparer.Ordinal);

    /// <summary>Indicators firing now (as of the last evaluation).</summary>
    public IReadOnlyCollection<string> Firing { get { lock (_firing) return _firing.Where(f => f.Value).Select(f => f.Key).ToArray(); } }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.AlertsEnabled) return;
        await Task.Yield();
        using var producer = log.CreateProducer();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.AlertIntervalMs));
        while (await NextTickAsync(timer, stoppingToken).ConfigureAwait(false))
        {
            try
            {
                Evaluate(await indicators.ComputeAsync(stoppingToken).ConfigureAwait(false), producer);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Evaluating the alert thresholds failed; next try in {IntervalMs} ms", options.Value.AlertIntervalMs);
            }
        }
        producer.Flush(TimeSpan.FromSeconds(5));
    }

    private void Evaluate(IndicatorSet set, IMessageProducer producer)
    {
        foreach (var indicator in set.Indicators)
        {
            if (indicator.Threshold is not { } threshold) continue;
            var breached = indicator.Breached;
            lock (_firing)
            {
                var was = _firing.TryGetValue(indicator.Name, out var f) && f;
                if (was == breached) continue;
                _firing[indicator.Name] = breached;
            }
            var state = breached ? RiskAlert.Firing : RiskAlert.Resolved;
            var message = breached
                ? $"{indicator.Name} is {indicator.Value} {indicator.Unit}, above the threshold {threshold}: {indicator.Help}"
                : $"{indicator.Name} is back to {indicator.Value?.ToString() ?? "no data"} {indicator.Unit} (threshold {threshold})";
            var alert = new RiskAlert(Guid.NewGuid().ToString("N"), cluster.Value.ClusterId, indicator.Name, state, indicator.Value, threshold,
                indicator.Unit, message, clock.GetUtcNow().ToUnixTimeMilliseconds(), cluster.Value.ResolveSiloId());
            if (breached)
                logger.LogWarning("Alert {State} {Indicator}: {Value} {Unit} > {Threshold}", state, indicator.Name, indicator.Value, indicator.Unit, threshold);
            else
                logger.LogInformation("Alert {State} {Indicator}: {Value} {Unit} <= {Threshold}", state, indicator.Name, indicator.Value, indicator.Unit, threshold);
            var topic = topics.Value.RiskAlerts;
            try
            {
                producer.Produce(topic, indicator.Name, JsonSerializer.SerializeToUtf8Bytes(alert, MessageTypeRegistry.JsonOptions), report =>
                {
                    if (!report.Succeeded)
                        logger.LogError("Alert {AlertId} ({Indicator} {State}) not written to {Topic}: {Error}", alert.AlertId, alert.Indicator, state, topic, report.Error);
                });
            }
            catch (MessageLogException e)
            {
                logger.LogError(e, "Alert {AlertId} ({Indicator} {State}) not written to {Topic}", alert.AlertId, alert.Indicator, state, topic);
            }
        }
    }

    /// <summary>False when the host stops (also when it is disposed without a stop, after a failed start).</summary>
    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
