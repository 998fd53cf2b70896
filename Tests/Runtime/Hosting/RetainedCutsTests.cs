using Trading.Runtime.Grains;
using Trading.Runtime.Hosting;
using Trading.Runtime.Snapshots;
using Trading.Runtime.State;

namespace Trading.Tests.Runtime.Hosting;

/// <summary>Which snapshots a partition worker's save keeps the overwritten checkpoint for.</summary>
public sealed class RetainedCutsTests
{
    /// <summary>A store that keeps versions, recording the cuts it is told of (the rest is the in-memory store's).</summary>
    private sealed class CutStore(IReadOnlyList<SnapshotCut> stored) : IGrainStateStore
    {
        private readonly InMemoryGrainStateStore _inner = new();
        public List<SnapshotCut> Recorded { get; } = new();
        public List<SnapshotCut> Stored { get; } = [.. stored];
        public bool KeepsSnapshotVersions => true;
        public Task RecordCutAsync(SnapshotCut cut)
        {
            Recorded.Add(cut);
            Stored.Add(cut);
            return Task.CompletedTask;
        }
        public Task<IReadOnlyList<SnapshotCut>> ListCutsAsync(string grainType) => Task.FromResult<IReadOnlyList<SnapshotCut>>(Stored.Where(c => c.GrainType == grainType).ToList());
        public Task<GrainCheckpoint?> LoadAsync(GrainId grain) => _inner.LoadAsync(grain);
        public Task<IReadOnlyDictionary<GrainId, GrainCheckpoint>> LoadManyAsync(IReadOnlyList<GrainId> grains) => _inner.LoadManyAsync(grains);
        public Task SaveAsync(GrainId grain, GrainCheckpoint checkpoint) => _inner.SaveAsync(grain, checkpoint);
        public Task SaveManyAsync(IReadOnlyList<KeyValuePair<GrainId, GrainCheckpoint>> checkpoints) => _inner.SaveManyAsync(checkpoints);
        public Task DeleteAsync(GrainId grain) => _inner.DeleteAsync(grain);
        public Task<IReadOnlyDictionary<string, long>> ListOffsetsAsync(string grainType) => _inner.ListOffsetsAsync(grainType);
        public Task ReplaceAllAsync(IReadOnlyCollection<string> grainTypes, IReadOnlyList<KeyValuePair<GrainId, GrainCheckpoint>> checkpoints,
            IReadOnlyCollection<GrainId>? keep = null) => _inner.ReplaceAllAsync(grainTypes, checkpoints, keep);
    }

    private static GrainActivationContext Activation(string key, long storedOffset) =>
        new(new GrainId("Position", key), 2, 16, 1000, _ => Task.CompletedTask) { StoredOffset = storedOffset };

    [Fact]
    public async Task A_save_keeps_the_stored_checkpoint_for_every_cut_at_or_past_it_that_did_not_serialize_the_grain()
    {
        var store = new CutStore([new("loaded", "Position", 2, 50), new("other-partition", "Position", 3, 500), new("other-type", "OrderBook", 2, 500)]);
        var cuts = new RetainedCuts(store, "Position", 2, enabled: true);
        await cuts.LoadAsync(); // a previous owner's cut of this partition
        Assert.Equal(1, cuts.Count);
        await cuts.RecordAsync("taken", 100, new Dictionary<string, SnapshotEntry> { ["dirty"] = new("dirty", 90, [1]) });
        Assert.Equal([new SnapshotCut("taken", "Position", 2, 100)], store.Recorded);

        var preserve = cuts.PreserveFor([
            Activation("idle", 40),    // stored before both cuts: both refer to it
            Activation("between", 60), // after the loaded cut, before the one taken
            Activation("at", 100),     // at the barrier: the cut refers to it
            Activation("after", 101),  // saved after the cut already
            Activation("new", -1),     // nothing stored
            Activation("dirty", 80),   // serialized at the taken cut; the loaded one (captures unknown) still counts
        ]);
        Assert.NotNull(preserve);
        Assert.Equal(["loaded", "taken"], preserve[0]!.Order());
        Assert.Equal(["taken"], preserve[1]);
        Assert.Equal(["taken"], preserve[2]);
        Assert.Null(preserve[3]);
        Assert.Null(preserve[4]);
        Assert.Null(preserve[5]);

        Assert.Null(cuts.PreserveFor([Activation("after", 101)]));
    }

    [Fact]
    public async Task A_released_snapshot_is_forgotten_at_the_refresh_and_a_disabled_view_keeps_nothing()
    {
        var store = new CutStore([new("a", "Position", 2, 50)]);
        var cuts = new RetainedCuts(store, "Position", 2, enabled: true);
        await cuts.LoadAsync();
        store.Stored.Clear(); // released
        await cuts.LoadAsync();
        Assert.Null(cuts.PreserveFor([Activation("idle", 10)]));

        var disabled = new RetainedCuts(new CutStore([new("a", "Position", 2, 50)]), "Position", 2, enabled: false);
        await disabled.LoadAsync();
        Assert.Null(disabled.PreserveFor([Activation("idle", 10)]));
    }
}
