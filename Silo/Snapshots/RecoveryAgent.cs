using Trading.Runtime.Hosting;
using Trading.Runtime.Snapshots;

namespace Trading.Silo.Snapshots;

/// <summary>
/// The silo's side of a recovery: when the gateway announces one, the grain hosts stop fetching and drop their
/// grains without saving anything, and the silo says so; once the gateway has replaced the checkpoints (or aborted),
/// each partition restarts at the snapshot's offset, and the silo says it resumed.
/// </summary>
internal sealed class RecoveryAgent(RecoveryControl control, SiloRuntime runtime, ILogger<RecoveryAgent> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? stoppedFor = null;
        var initial = await SafeCurrentAsync().ConfigureAwait(false);
        var seen = initial?.Phase == RecoveryPhase.Stopping ? null : initial?.RecoveryId; // a recovery finished before this silo started is not ours
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            var state = await SafeCurrentAsync().ConfigureAwait(false);
            if (state is null) continue;
            if (state.Phase == RecoveryPhase.Stopping && state.RecoveryId != seen && stoppedFor != state.RecoveryId)
            {
                logger.LogWarning("Recovery {RecoveryId} from {SnapshotId}: stopping grain hosts", state.RecoveryId, state.SnapshotId);
                await runtime.SuspendForRecoveryAsync().ConfigureAwait(false);
                stoppedFor = state.RecoveryId;
                await control.AcknowledgeAsync(state.RecoveryId, runtime.SiloId, "stopped").ConfigureAwait(false);
            }
            else if (state.Phase != RecoveryPhase.Stopping && stoppedFor == state.RecoveryId)
            {
                await runtime.ResumeAfterRecoveryAsync().ConfigureAwait(false);
                stoppedFor = null;
                seen = state.RecoveryId;
                await control.AcknowledgeAsync(state.RecoveryId, runtime.SiloId, "resumed").ConfigureAwait(false);
                logger.LogWarning("Recovery {RecoveryId}: grain hosts resumed ({Phase})", state.RecoveryId, state.Phase);
            }
        }
    }

    private async Task<RecoveryState?> SafeCurrentAsync()
    {
        try
        {
            return await control.CurrentAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Recovery state unreadable");
            return null;
        }
    }
}
