using Microsoft.Extensions.Options;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Runtime.Client;
using Trading.Runtime.Configuration;

namespace Trading.Silo.Snapshots;

/// <summary>
/// Hands the configured schedule (<c>Snapshots:IntervalSeconds</c>, <c>FullEvery</c>) to the coordinator when the silo
/// starts; the coordinator's timer (a deterministic grain timer) then takes the periodic snapshots.
/// </summary>
internal sealed class SnapshotScheduleService(IClusterClient client, IOptions<SnapshotOptions> options, ILogger<SnapshotScheduleService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await client.AskAsync<ISnapshotCoordinatorGrain, SnapshotStatusList>(ISnapshotCoordinatorGrain.Key,
                    new ConfigureSnapshotSchedule(o.IntervalSeconds, o.FullEvery), cancellationToken: stoppingToken).ConfigureAwait(false);
                logger.LogInformation("Snapshot schedule: every {IntervalSeconds} s (0 = on demand), a full one every {FullEvery}", o.IntervalSeconds, o.FullEvery);
                return;
            }
            catch (Exception e) when (e is TimeoutException or IOException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Snapshot schedule attempt {Attempt} failed; retrying", attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt * 2)), stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
