using System.Diagnostics;
using Trading.Runtime.Grains;
using Trading.Runtime.Snapshots;
using Trading.Runtime.State;

namespace Trading.Runtime.Hosting;

/// <summary>
/// A partition worker's view of the retained snapshot cuts of its partition, where the checkpoint store keeps the
/// versions snapshots refer to (<see cref="IGrainStateStore.KeepsSnapshotVersions"/>): which snapshots a save has to keep
/// the overwritten checkpoint for. A cut refers to a grain's stored checkpoint if its next offset is at or below the
/// barrier and the grain was not serialized at the cut; the first save after the cut moves the stored offset past the
/// barrier, so each grain keeps at most one version per cut. Loaded from the store when the worker starts (the cuts a
/// previous owner took), extended at each barrier, and refreshed now and then to forget the snapshots deleted since
/// (a cut forgotten late costs a copy the store skips: it keeps versions only for snapshots still retained).
/// </summary>
internal sealed class RetainedCuts(IGrainStateStore store, string grainType, int partition, bool enabled)
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(30);
    private List<Cut> _cuts = new();
    private long _refreshedAt;

    /// <param name="Captured">The grains serialized at the cut (they are in the snapshot as such); unknown for a loaded cut.</param>
    private sealed record Cut(string SnapshotId, long Barrier, HashSet<string>? Captured);

    public int Count => _cuts.Count;

    /// <summary>True where the store keeps versions and this worker takes cuts: snapshots then refer to stored checkpoints.</summary>
    public bool Enabled => enabled;

    public Task LoadAsync() => enabled ? RefreshAsync() : Task.CompletedTask;

    public Task RefreshIfDueAsync() =>
        enabled && Stopwatch.GetElapsedTime(_refreshedAt) >= RefreshEvery ? RefreshAsync() : Task.CompletedTask;

    /// <summary>
    /// Records a cut at the barrier, in the store first: once the worker goes on past the barrier, any owner of the
    /// partition (this one, or the next after a move) keeps the versions the cut refers to.
    /// </summary>
    public async Task RecordAsync(string snapshotId, long barrierOffset, IReadOnlyDictionary<string, SnapshotEntry> captured)
    {
        await store.RecordCutAsync(new SnapshotCut(snapshotId, grainType, partition, barrierOffset)).ConfigureAwait(false);
        var cuts = new List<Cut>(_cuts.Count + 1);
        foreach (var c in _cuts)
            if (!string.Equals(c.SnapshotId, snapshotId, StringComparison.Ordinal)) cuts.Add(c);
        cuts.Add(new Cut(snapshotId, barrierOffset, new HashSet<string>(captured.Keys, StringComparer.Ordinal))); // keys only: no payload kept
        _cuts = cuts;
    }

    /// <summary>Per activation, the snapshots whose cut refers to its stored checkpoint (null: none); null if no save keeps anything.</summary>
    public IReadOnlyList<IReadOnlyList<string>?>? PreserveFor(IReadOnlyList<GrainActivationContext> activations)
    {
        if (_cuts.Count == 0) return null;
        List<string>?[]? preserve = null;
        for (var i = 0; i < activations.Count; i++)
        {
            var a = activations[i];
            if (a.StoredOffset < 0) continue; // nothing stored to keep
            foreach (var cut in _cuts)
            {
                if (a.StoredOffset > cut.Barrier || (cut.Captured is not null && cut.Captured.Contains(a.GrainId.Key))) continue;
                preserve ??= new List<string>?[activations.Count];
                (preserve[i] ??= new List<string>(1)).Add(cut.SnapshotId);
            }
        }
        return preserve;
    }

    /// <remarks>Runs on the worker's loop, like <see cref="RecordAsync"/>: every cut recorded before is in the listing unless released.</remarks>
    private async Task RefreshAsync()
    {
        var stored = await store.ListCutsAsync(grainType).ConfigureAwait(false);
        var cuts = new List<Cut>();
        foreach (var s in stored)
        {
            if (s.Partition != partition) continue;
            Cut? known = null;
            foreach (var c in _cuts)
                if (string.Equals(c.SnapshotId, s.SnapshotId, StringComparison.Ordinal)) known = c;
            cuts.Add(known ?? new Cut(s.SnapshotId, s.BarrierOffset, null));
        }
        _cuts = cuts;
        _refreshedAt = Stopwatch.GetTimestamp();
    }
}
