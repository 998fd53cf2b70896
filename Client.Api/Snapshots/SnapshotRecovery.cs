using System.Diagnostics;
using System.Text.Json;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Runtime.Cluster;
using Trading.Runtime.Grains;
using Trading.Runtime.Messaging;
using Trading.Runtime.Snapshots;
using Trading.Runtime.State;

namespace Trading.Client.Api.Snapshots;

/// <summary>What a finished recovery reports.</summary>
public sealed record RecoveryResult(string RecoveryId, string SnapshotId, int Grains, int Partitions, IReadOnlyList<string> Silos,
    long StopMs, long ApplyMs, long ResumeMs, long TotalMs);

/// <summary>
/// Restores the engine to a stored snapshot, all grains or none: (1) every part is read and checked against its
/// checksum before anything changes; (2) every live silo's grain hosts leave their groups without saving; (3) the
/// checkpoints of the snapshot's grain types are replaced in one transaction and every partition is told to resume
/// at the snapshot's offset; (4) the silos rejoin. If a silo does not confirm the stop in time the recovery is
/// aborted before step 3 and the cluster resumes on its current state. Results re-emitted from the replayed inputs
/// carry their original (source, sequence) and are dropped downstream as duplicates.
/// </summary>
public sealed class SnapshotRecovery(ISnapshotStore store, IGrainStateStore grains, RecoveryControl control, ISiloDirectory silos,
    TimeProvider clock, ILogger<SnapshotRecovery> logger)
{
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(30);
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <exception cref="FormatException">The snapshot is unknown, partial, or a part is missing or corrupt (nothing changed).</exception>
    /// <exception cref="TimeoutException">A silo did not stop in time; the recovery was aborted (nothing changed).</exception>
    public async Task<RecoveryResult> RecoverAsync(string snapshotId, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var manifest = await store.ManifestAsync(snapshotId).ConfigureAwait(false)
                       ?? throw new FormatException($"snapshotId: {snapshotId} is not a stored snapshot");
        if (manifest.State != SnapshotState.Completed) throw new FormatException($"snapshotId: {snapshotId} is {manifest.State}, not completed");
        if (manifest.Symbol is not null) throw new FormatException($"snapshotId: {snapshotId} covers only {manifest.Symbol}; recover from a full-engine snapshot");

        var reader = new SnapshotReader(store, versions: grains);
        var checkpoints = new List<KeyValuePair<GrainId, GrainCheckpoint>>();
        var plans = new Dictionary<string, RewindPlan>(StringComparer.Ordinal);
        foreach (var report in manifest.Parts)
        {
            foreach (var entry in await reader.ReadAsync(report, manifest.BaseSnapshotId).ConfigureAwait(false))
                checkpoints.Add(new(new GrainId(report.GrainType, entry.Key), new GrainCheckpoint(report.Partition, entry.NextOffset, entry.Payload)));
            if (!plans.TryGetValue(report.GrainType, out var plan)) plans[report.GrainType] = plan = new RewindPlan("", new Dictionary<int, long>());
            plan.Offsets[report.Partition] = report.NextOffset;
        }
        var types = new List<string>();
        foreach (var scope in manifest.Scopes) types.Add(scope.GrainType);

        await OneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var recoveryId = Guid.NewGuid().ToString("N");
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            await control.SetAsync(new RecoveryState(recoveryId, snapshotId, RecoveryPhase.Stopping, now)).ConfigureAwait(false);
            logger.LogWarning("Recovery {RecoveryId} from {SnapshotId}: stopping grain hosts ({Grains} grains to restore)", recoveryId, snapshotId, checkpoints.Count);
            var stopped = await WaitForAsync(recoveryId, "stopped", cancellationToken).ConfigureAwait(false);
            if (stopped is null)
            {
                await control.SetAsync(new RecoveryState(recoveryId, snapshotId, RecoveryPhase.Aborted, clock.GetUtcNow().ToUnixTimeMilliseconds())).ConfigureAwait(false);
                throw new TimeoutException($"not every silo stopped its grain hosts within {ConfirmTimeout.TotalSeconds} s; recovery aborted, nothing changed");
            }
            var stopMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            var (changed, kept) = await SplitUnchangedAsync(types, checkpoints).ConfigureAwait(false);
            await grains.ReplaceAllAsync(types, changed, kept).ConfigureAwait(false);
            foreach (var (type, plan) in plans) await control.PlanRewindAsync(type, plan with { RecoveryId = recoveryId }).ConfigureAwait(false);
            await control.SetAsync(new RecoveryState(recoveryId, snapshotId, RecoveryPhase.Applied, clock.GetUtcNow().ToUnixTimeMilliseconds())).ConfigureAwait(false);
            var applyMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds - stopMs;

            var resumed = await WaitForAsync(recoveryId, "resumed", cancellationToken).ConfigureAwait(false) ?? [];
            var total = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            logger.LogWarning("Recovery {RecoveryId} from {SnapshotId} applied: {Grains} grains, silos [{Silos}], {TotalMs} ms",
                recoveryId, snapshotId, checkpoints.Count, string.Join(",", resumed), total);
            return new RecoveryResult(recoveryId, snapshotId, checkpoints.Count, manifest.Parts.Count, resumed, stopMs, applyMs,
                total - stopMs - applyMs, total);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    /// <summary>
    /// A grain whose stored checkpoint has the snapshot's next offset holds the snapshot's state already (same inputs, same
    /// state): it is kept as it is rather than rewritten.
    /// </summary>
    private async Task<(List<KeyValuePair<GrainId, GrainCheckpoint>> Changed, List<GrainId> Kept)> SplitUnchangedAsync(
        IReadOnlyList<string> types, List<KeyValuePair<GrainId, GrainCheckpoint>> checkpoints)
    {
        var current = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        foreach (var type in types) current[type] = await grains.ListOffsetsAsync(type).ConfigureAwait(false);
        var changed = new List<KeyValuePair<GrainId, GrainCheckpoint>>();
        var kept = new List<GrainId>();
        foreach (var c in checkpoints)
        {
            if (current.TryGetValue(c.Key.Type, out var offsets) && offsets.TryGetValue(c.Key.Key, out var offset) && offset == c.Value.NextOffset)
                kept.Add(c.Key);
            else changed.Add(c);
        }
        return (changed, kept);
    }

    /// <summary>Waits until every silo still alive has acknowledged; null on timeout. Silos that disappear need not answer.</summary>
    private async Task<IReadOnlyList<string>?> WaitForAsync(string recoveryId, string what, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(ConfirmTimeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var waiting = new List<string>();
            var done = new List<string>();
            foreach (var silo in silos.Silos)
            {
                if (silo.Status is SiloStatus.Stopping or SiloStatus.Stopped) continue;
                if (await control.AcknowledgedAsync(recoveryId, silo.SiloId, what).ConfigureAwait(false)) done.Add(silo.SiloId);
                else waiting.Add(silo.SiloId);
            }
            if (waiting.Count == 0) return done;
            if (Stopwatch.GetTimestamp() > deadline) return null;
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }
}
