using Trading.Grains.Exchange;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Matching;
using Trading.Tests.Matching;

namespace Trading.Tests.Exchange;

/// <summary>
/// A consumer that applies every <see cref="DepthUpdate"/> to its copy of the top-N view ends with exactly the
/// book's top N after each command, and the updates chain by sequence without a gap.
/// </summary>
public sealed class DepthFeedTests
{
    [Theory]
    [InlineData(1UL, 5)]
    [InlineData(7UL, 20)]
    [InlineData(42UL, 1)]
    public void Applying_the_updates_reproduces_the_top_levels_after_every_command(ulong seed, int levels)
    {
        var book = new OrderBook(BookHarness.Spec());
        var feed = new DepthFeed(levels);
        feed.Reset(book);
        var bids = new SortedDictionary<long, long>();
        var asks = new SortedDictionary<long, long>();
        var commands = new RandomCommands(seed);
        var sink = new EventRecorder(new List<MatchEvent>());
        long last = book.EventSequence;
        var updates = 0;
        for (var i = 0; i < 5_000; i++)
        {
            commands.NextCommand().Apply(book, ref sink);
            var update = feed.Next(book, "BTCUSDT", i);
            if (update is not null)
            {
                Assert.Equal(last, update.PreviousSequence);
                Assert.True(update.Sequence > update.PreviousSequence);
                last = update.Sequence;
                updates++;
                Apply(bids, update.Bids);
                Apply(asks, update.Asks);
            }
            AssertSame(book, OrderSide.Buy, levels, bids.Reverse());
            AssertSame(book, OrderSide.Sell, levels, asks);
        }
        Assert.True(updates > 1_000, $"only {updates} updates");
    }

    [Fact]
    public void A_command_that_leaves_the_view_unchanged_publishes_nothing()
    {
        var book = new OrderBook(BookHarness.Spec());
        var feed = new DepthFeed(2);
        feed.Reset(book);
        var sink = new EventRecorder(new List<MatchEvent>());
        book.Place(PlaceOrder.Limit(1, 7, OrderSide.Buy, 100, 5, 0), ref sink);
        book.Place(PlaceOrder.Limit(2, 7, OrderSide.Buy, 99, 5, 0), ref sink);
        Assert.NotNull(feed.Next(book, "BTCUSDT", 0));
        book.Place(PlaceOrder.Limit(3, 7, OrderSide.Buy, 90, 5, 0), ref sink); // third level: outside a 2-level view
        Assert.Null(feed.Next(book, "BTCUSDT", 0));
        book.Place(PlaceOrder.Limit(4, 7, OrderSide.Buy, 101, 5, 0), ref sink); // new best pushes 99 out of the view
        var update = feed.Next(book, "BTCUSDT", 0)!;
        Assert.Equal([new DepthEntry(101, 5, 1), new DepthEntry(99, 0, 0)], update.Bids);
        Assert.Empty(update.Asks);
    }

    private static void Apply(SortedDictionary<long, long> side, IReadOnlyList<DepthEntry> changes)
    {
        foreach (var c in changes)
            if (c.Quantity == 0) Assert.True(side.Remove(c.Price), $"removal of absent level {c.Price}");
            else side[c.Price] = c.Quantity;
    }

    private static void AssertSame(OrderBook book, OrderSide side, int levels, IEnumerable<KeyValuePair<long, long>> view)
    {
        var depth = new DepthLevel[levels];
        var n = book.GetDepth(side, depth);
        Assert.Equal(depth.Take(n).Select(d => (d.Price, d.Quantity)), view.Select(kv => (kv.Key, kv.Value)));
    }
}
