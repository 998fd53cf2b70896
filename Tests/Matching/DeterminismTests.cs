using Trading.Grains.Matching;

namespace Trading.Tests.Matching;

public class DeterminismTests
{
    private static (ulong Hash, long Events, long Trades) Run(int commands, ulong seed)
    {
        var book = new OrderBook(BookHarness.Spec(marketProtectionTicks: 10),
            new OrderBookSettings { InitialOrderCapacity = 16 }); // start small so the pools grow during the run
        var gen = new RandomCommands(seed, users: 50);
        var sink = new EventHasher();
        for (var i = 0; i < commands; i++) RandomCommands.WithOwner(gen.NextCommand(), book).Apply(book, ref sink);
        return (sink.Hash, sink.Events, sink.Trades);
    }

    [Fact]
    public void Same_million_random_commands_twice_give_the_same_event_hash()
    {
        var first = Run(1_000_000, 2024);
        var second = Run(1_000_000, 2024);
        Assert.Equal(first, second);
        Assert.True(first.Trades > 100_000, $"trades {first.Trades}");
        Assert.NotEqual(first.Hash, Run(10_000, 2025).Hash);
    }

    [Fact]
    public void Event_hash_depends_on_every_event()
    {
        var a = new EventHasher();
        var b = new EventHasher();
        var e = new MatchEvent { Sequence = 1, Kind = MatchEventKind.Trade, Price = 5, MakerFee = 3 };
        a.OnEvent(e);
        e.MakerFee = 4;
        b.OnEvent(e);
        Assert.NotEqual(a.Hash, b.Hash);
        Assert.Equal(1, a.Trades);
    }
}
