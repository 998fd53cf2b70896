using Trading.Runtime.Grains;

namespace Trading.Tests.Runtime.Core;

public sealed class DedupWindowTests
{
    [Fact]
    public void Drops_repeats_per_source_and_accepts_the_same_sequence_from_another_source()
    {
        var window = new DedupWindow(capacityPerSource: 8);
        Assert.True(window.TryAccept("a", 1));
        Assert.True(window.TryAccept("a", 2));
        Assert.False(window.TryAccept("a", 1));
        Assert.True(window.TryAccept("b", 1));
        Assert.False(window.TryAccept("b", 1));
    }

    [Fact]
    public void Accepts_a_late_record_inside_the_window_and_drops_replays_below_the_floor()
    {
        var window = new DedupWindow(capacityPerSource: 3);
        Assert.True(window.TryAccept("a", 10));
        Assert.True(window.TryAccept("a", 12));
        Assert.True(window.TryAccept("a", 11)); // reordered retry, still inside the window
        Assert.True(window.TryAccept("a", 13)); // evicts 10: floor becomes 10
        Assert.False(window.TryAccept("a", 10));
        Assert.False(window.TryAccept("a", 9));
        Assert.False(window.TryAccept("a", 12));
    }

    [Fact]
    public void Export_and_import_preserve_what_was_seen()
    {
        var window = new DedupWindow(4);
        for (var i = 1; i <= 6; i++) window.TryAccept("src", i);
        var copy = new DedupWindow(4);
        copy.Import(window.Export());
        for (var i = 1; i <= 6; i++) Assert.True(copy.IsDuplicate("src", i));
        Assert.False(copy.IsDuplicate("src", 7));
        Assert.True(copy.TryAccept("src", 7));
    }

    [Fact]
    public void A_quiet_source_keeps_only_its_floor_and_still_drops_what_it_sent_and_accepts_what_comes_next()
    {
        var window = new DedupWindow(capacityPerSource: 8, quietInputs: 100);
        Assert.True(window.TryAccept("quiet", 30));
        Assert.True(window.TryAccept("quiet", 10)); // reordered: inside the window, still accepted
        Assert.True(window.TryAccept("quiet", 20));
        const int late = DedupWindow.CompactEvery - 3;
        for (var i = 1; i <= DedupWindow.CompactEvery; i++)
            if (i != late) window.TryAccept("busy", i);

        Assert.Equal(8, window.RecentCount); // the busy source's window; the quiet one holds none
        var exported = window.Export()["quiet"];
        Assert.Equal(30, exported.Floor); // its highest sequence, not its last
        Assert.Empty(exported.Recent);
        foreach (var replayed in new long[] { 10, 20, 30, 5 }) Assert.False(window.TryAccept("quiet", replayed));
        Assert.True(window.TryAccept("quiet", 31));
        Assert.True(window.TryAccept("busy", late)); // an active source keeps its window and takes a late record inside it
    }

    [Fact]
    public void A_source_heard_from_within_the_quiet_span_keeps_its_window()
    {
        var window = new DedupWindow(capacityPerSource: 8, quietInputs: DedupWindow.CompactEvery * 2L);
        Assert.True(window.TryAccept("a", 10));
        Assert.True(window.TryAccept("a", 30));
        for (var i = 1; i <= DedupWindow.CompactEvery; i++) window.TryAccept("busy", i);
        Assert.Equal([10L, 30L], window.Export()["a"].Recent);
        Assert.True(window.TryAccept("a", 20)); // a late record inside the window is still accepted
    }

    [Fact]
    public void Many_sources_that_went_quiet_leave_only_their_floors_behind()
    {
        var window = new DedupWindow(capacityPerSource: 4096, quietInputs: 12_000);
        for (var source = 0; source < 2_000; source++)
            for (var k = 1; k <= 5; k++) window.TryAccept($"account/{source}", source * 100L + k);
        Assert.Equal(10_000, window.RecentCount);
        // Then one source only, until even the last account has been quiet for 12,000 inputs at a look.
        for (var i = 1; i <= 7 * DedupWindow.CompactEvery; i++) window.TryAccept("client", i);

        Assert.Equal(2_001, window.SourceCount);
        Assert.Equal(4096, window.RecentCount); // the client's own window, full; the accounts hold floors only
        for (var source = 0; source < 2_000; source++)
        {
            Assert.False(window.TryAccept($"account/{source}", source * 100L + 5)); // a replay is still dropped
            Assert.True(window.IsDuplicate($"account/{source}", source * 100L + 1));
        }
        // Restored from a checkpoint, the floors keep dropping the replays.
        var restored = new DedupWindow(capacityPerSource: 4096, quietInputs: 12_000);
        restored.Import(window.Export());
        for (var source = 0; source < 2_000; source++) Assert.True(restored.IsDuplicate($"account/{source}", source * 100L + 3));
        Assert.True(restored.TryAccept("account/7", 706));
    }
}
