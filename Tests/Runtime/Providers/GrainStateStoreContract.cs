using Trading.Runtime.Grains;
using Trading.Runtime.State;

namespace Trading.Tests.Runtime.Providers;

/// <summary>The behaviour every <see cref="IGrainStateStore"/> must have, run against memory and real Redis.</summary>
public abstract class GrainStateStoreContract
{
    protected abstract IGrainStateStore Store { get; }

    private static GrainCheckpoint Checkpoint(int partition, long offset, params byte[] payload) => new(partition, offset, payload);

    private static void AssertSame(GrainCheckpoint expected, GrainCheckpoint? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal((expected.Partition, expected.NextOffset), (actual!.Partition, actual.NextOffset));
        Assert.Equal(expected.Payload, actual.Payload);
    }

    [Fact]
    public async Task Missing_grain_loads_as_null()
    {
        Assert.Null(await Store.LoadAsync(new GrainId("OrderBook", "NOPE")));
    }

    [Fact]
    public async Task Saved_checkpoint_loads_back_with_partition_offset_and_payload()
    {
        var grain = new GrainId("Position", "42");
        var checkpoint = Checkpoint(7, 123_456_789_012L, 0, 1, 2, 255, 128);
        await Store.SaveAsync(grain, checkpoint);
        AssertSame(checkpoint, await Store.LoadAsync(grain));
    }

    [Fact]
    public async Task Empty_payload_and_keys_with_separators_round_trip()
    {
        var grain = new GrainId("OrderBook", "BTC:USDT/perp é");
        await Store.SaveAsync(grain, Checkpoint(0, 0));
        AssertSame(Checkpoint(0, 0), await Store.LoadAsync(grain));
        Assert.Null(await Store.LoadAsync(new GrainId("OrderBook", "BTC")));
    }

    [Fact]
    public async Task Save_overwrites_state_and_offset_together()
    {
        var grain = new GrainId("Position", "7");
        await Store.SaveAsync(grain, Checkpoint(1, 10, 1, 1, 1));
        await Store.SaveAsync(grain, Checkpoint(1, 25, 2));
        AssertSame(Checkpoint(1, 25, 2), await Store.LoadAsync(grain));
    }

    [Fact]
    public async Task Deleted_checkpoint_is_gone_and_deleting_a_missing_one_is_harmless()
    {
        var grain = new GrainId("Position", "9");
        await Store.SaveAsync(grain, Checkpoint(2, 3, 9));
        await Store.DeleteAsync(grain);
        Assert.Null(await Store.LoadAsync(grain));
        await Store.DeleteAsync(grain);
        Assert.Null(await Store.LoadAsync(grain));
    }

    [Fact]
    public async Task Load_many_returns_exactly_the_saved_grains_across_batches()
    {
        var saved = Enumerable.Range(0, 1_200)
            .Select(i => KeyValuePair.Create(new GrainId("Position", $"u{i}"), Checkpoint(i % 12, i, (byte)(i % 256), (byte)(i / 256))))
            .ToList();
        await Store.SaveManyAsync(saved);
        var missing = Enumerable.Range(0, 50).Select(i => new GrainId("Position", $"missing{i}"));
        var asked = saved.Select(s => s.Key).Concat(missing).Append(saved[0].Key).ToList();

        var loaded = await Store.LoadManyAsync(asked);

        Assert.Equal(saved.Count, loaded.Count);
        foreach (var (grain, checkpoint) in saved) AssertSame(checkpoint, loaded[grain]);
        Assert.Empty(await Store.LoadManyAsync([]));
    }

    [Fact]
    public async Task Same_key_under_different_grain_types_are_different_grains()
    {
        await Store.SaveAsync(new GrainId("Position", "1"), Checkpoint(0, 1, 1));
        await Store.SaveAsync(new GrainId("OrderBook", "1"), Checkpoint(0, 2, 2));
        AssertSame(Checkpoint(0, 1, 1), await Store.LoadAsync(new GrainId("Position", "1")));
        AssertSame(Checkpoint(0, 2, 2), await Store.LoadAsync(new GrainId("OrderBook", "1")));
    }

    [Fact]
    public async Task Changing_a_buffer_after_save_or_load_does_not_change_the_stored_state()
    {
        var grain = new GrainId("Position", "buffers");
        var payload = new byte[] { 1, 2, 3 };
        await Store.SaveAsync(grain, new GrainCheckpoint(0, 1, payload));
        payload[0] = 99;
        var loaded = await Store.LoadAsync(grain);
        loaded!.Payload[1] = 99;
        AssertSame(Checkpoint(0, 1, 1, 2, 3), await Store.LoadAsync(grain));
    }

    [Fact]
    public async Task ReplaceAll_leaves_exactly_the_new_checkpoints_of_the_replaced_types_and_lists_them()
    {
        var replaced = $"Rep{Guid.NewGuid():N}";
        var other = $"Keep{Guid.NewGuid():N}";
        await Store.SaveManyAsync([new(new GrainId(replaced, "old-1"), Checkpoint(0, 5, 1)), new(new GrainId(replaced, "both"), Checkpoint(1, 6, 2)),
            new(new GrainId(other, "x"), Checkpoint(2, 7, 3))]);
        Assert.Equal([("both", 6L), ("old-1", 5L)], Sorted(await Store.ListOffsetsAsync(replaced)));

        await Store.ReplaceAllAsync([replaced], [new(new GrainId(replaced, "both"), Checkpoint(1, 2, 9)), new(new GrainId(replaced, "new-1"), Checkpoint(3, 4, 8))]);

        Assert.Null(await Store.LoadAsync(new GrainId(replaced, "old-1")));
        AssertSame(Checkpoint(1, 2, 9), await Store.LoadAsync(new GrainId(replaced, "both")));
        AssertSame(Checkpoint(3, 4, 8), await Store.LoadAsync(new GrainId(replaced, "new-1")));
        AssertSame(Checkpoint(2, 7, 3), await Store.LoadAsync(new GrainId(other, "x")));
        Assert.Equal([("both", 2L), ("new-1", 4L)], Sorted(await Store.ListOffsetsAsync(replaced)));
        Assert.Equal([("x", 7L)], Sorted(await Store.ListOffsetsAsync(other)));
    }

    [Fact]
    public async Task ReplaceAll_leaves_kept_grains_as_they_are()
    {
        var type = $"Kept{Guid.NewGuid():N}";
        await Store.SaveManyAsync([new(new GrainId(type, "kept"), Checkpoint(0, 5, 1, 2)), new(new GrainId(type, "gone"), Checkpoint(0, 6, 3))]);
        await Store.ReplaceAllAsync([type], [new(new GrainId(type, "new"), Checkpoint(1, 1, 7))], [new GrainId(type, "kept")]);
        AssertSame(Checkpoint(0, 5, 1, 2), await Store.LoadAsync(new GrainId(type, "kept")));
        Assert.Null(await Store.LoadAsync(new GrainId(type, "gone")));
        Assert.Equal([("kept", 5L), ("new", 1L)], Sorted(await Store.ListOffsetsAsync(type)));
    }

    [Fact]
    public async Task Listed_offsets_follow_saves_and_deletes()
    {
        var type = $"Off{Guid.NewGuid():N}";
        await Store.SaveAsync(new GrainId(type, "a"), Checkpoint(0, 3, 1));
        await Store.SaveAsync(new GrainId(type, "a"), Checkpoint(0, 9, 1));
        await Store.SaveAsync(new GrainId(type, "b"), Checkpoint(0, 4, 1));
        await Store.DeleteAsync(new GrainId(type, "b"));
        Assert.Equal([("a", 9L)], Sorted(await Store.ListOffsetsAsync(type)));
    }

    private static (string, long)[] Sorted(IReadOnlyDictionary<string, long> offsets) =>
        offsets.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)).ToArray();
}
