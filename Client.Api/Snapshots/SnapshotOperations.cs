using System.Diagnostics;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Runtime.Client;
using Trading.Runtime.Snapshots;

namespace Trading.Client.Api.Snapshots;

/// <summary>Asks the coordinator for a snapshot and waits until it is stored and its document assembled.</summary>
public sealed class SnapshotOperations(IClusterClient client, ISnapshotStore store)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public async Task<(SnapshotStatus Status, long? DocumentBytes, long WaitedMs)> TakeAsync(string? symbol, bool full, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var status = await client.AskAsync<ISnapshotCoordinatorGrain, SnapshotStatus>(ISnapshotCoordinatorGrain.Key,
            new TakeSnapshot(symbol, full), AskTimeout, cancellationToken).ConfigureAwait(false);
        byte[]? document = null;
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            if (status.State == SnapshotState.Completed && (document = await store.DocumentAsync(status.SnapshotId).ConfigureAwait(false)) is not null) break;
            if (status.State == SnapshotState.Failed) break;
            await Task.Delay(25, cancellationToken).ConfigureAwait(false);
            if (status.State == SnapshotState.Pending) status = await StatusAsync(status.SnapshotId, cancellationToken).ConfigureAwait(false);
        }
        return (status, document?.LongLength, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public Task<SnapshotStatus> StatusAsync(string snapshotId, CancellationToken cancellationToken) =>
        client.AskAsync<ISnapshotCoordinatorGrain, SnapshotStatus>(ISnapshotCoordinatorGrain.Key, new GetSnapshotStatus(snapshotId), AskTimeout,
            cancellationToken);

    public Task<SnapshotStatusList> ListAsync(int limit, CancellationToken cancellationToken) =>
        client.AskAsync<ISnapshotCoordinatorGrain, SnapshotStatusList>(ISnapshotCoordinatorGrain.Key, new ListSnapshots(limit), AskTimeout,
            cancellationToken);
}
