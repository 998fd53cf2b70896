using System.Diagnostics;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Runtime.Client;
using Trading.Runtime.Snapshots;

namespace Trading.Client.Api.Snapshots;

/// <summary>Asks the coordinator for a snapshot and waits until it is stored and its document assembled.</summary>
public sealed class SnapshotOperations(IClusterClient client, ISnapshotStore store)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    public async Task<(SnapshotStatus Status, long? DocumentBytes, long WaitedMs)> TakeAsync(string? symbol, bool full, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var requested = await RequestAsync(symbol, full, cancellationToken).ConfigureAwait(false);
        var (status, documentBytes) = await WaitForDocumentAsync(requested, timeout - Stopwatch.GetElapsedTime(started), cancellationToken)
            .ConfigureAwait(false);
        return (status, documentBytes, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Asks for a snapshot; the reply is its status as the coordinator started it (usually still pending).</summary>
    public Task<SnapshotStatus> RequestAsync(string? symbol, bool full, CancellationToken cancellationToken) =>
        client.AskAsync<ISnapshotCoordinatorGrain, SnapshotStatus>(ISnapshotCoordinatorGrain.Key, new TakeSnapshot(symbol, full), AskTimeout,
            cancellationToken);

    /// <summary>
    /// Waits until the snapshot is stored and its document assembled (or it failed, or <paramref name="timeout"/> passed):
    /// its last status and the document's length, null when there is no document yet.
    /// </summary>
    public async Task<(SnapshotStatus Status, long? DocumentBytes)> WaitForDocumentAsync(SnapshotStatus status, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        status = await WaitUntilStoredAsync(status, timeout, cancellationToken).ConfigureAwait(false);
        SnapshotDocumentInfo? document = null; // a few bytes written after the document: the document itself is not read
        while (status.State == SnapshotState.Completed && (document = await store.DocumentInfoAsync(status.SnapshotId).ConfigureAwait(false)) is null
               && Stopwatch.GetElapsedTime(started) < timeout)
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        return (status, document?.Bytes);
    }

    /// <summary>Polls the coordinator while the snapshot is pending: its status once every part is stored, it failed, or <paramref name="timeout"/> passed.</summary>
    public async Task<SnapshotStatus> WaitUntilStoredAsync(SnapshotStatus status, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (status.State == SnapshotState.Pending && Stopwatch.GetElapsedTime(started) < timeout)
        {
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            status = await StatusAsync(status.SnapshotId, cancellationToken).ConfigureAwait(false);
        }
        return status;
    }

    public Task<SnapshotStatus> StatusAsync(string snapshotId, CancellationToken cancellationToken) =>
        client.AskAsync<ISnapshotCoordinatorGrain, SnapshotStatus>(ISnapshotCoordinatorGrain.Key, new GetSnapshotStatus(snapshotId), AskTimeout,
            cancellationToken);

    public Task<SnapshotStatusList> ListAsync(int limit, CancellationToken cancellationToken) =>
        client.AskAsync<ISnapshotCoordinatorGrain, SnapshotStatusList>(ISnapshotCoordinatorGrain.Key, new ListSnapshots(limit), AskTimeout,
            cancellationToken);
}
