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
}
