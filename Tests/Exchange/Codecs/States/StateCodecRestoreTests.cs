using System.Text.Json;
using Trading.Grains.Exchange;
using Trading.Grains.Margin;
using Trading.Grains.Matching;
using Trading.Tests.Margin;
using Trading.Tests.Matching;
using static Trading.Tests.Exchange.Codecs.States.StateCodecs;

namespace Trading.Tests.Exchange.Codecs.States;

/// <summary>
/// A real order book and a real account, driven through orders, checkpointed through their binary state codecs and
/// restored from the bytes, produce the same snapshots and behave identically afterwards (same events, same results).
/// </summary>
public sealed class StateCodecRestoreTests
{
    [Fact]
    public void A_book_restored_from_its_binary_checkpoint_continues_like_the_original()
    {
        var spec = BookHarness.Spec(marketProtectionTicks: 15, priceBandPpm: 300_000);
        var original = new OrderBook(spec, new OrderBookSettings { DefaultSelfTradePrevention = SelfTradePrevention.ExpireMaker });
        var commands = new RandomCommands(seed: 29);
        var sink = new EventHasher();
        for (var i = 0; i < 20_000; i++) RandomCommands.WithOwner(commands.NextCommand(), original).Apply(original, ref sink);
        Assert.True(original.StopOrderCount > 0 && original.RestingOrderCount > 0, "the scenario must cover stops and resting orders");

        var bytes = Encode(new OrderBookGrainState { Spec = spec, Book = original.Snapshot(), Holdings = { [7] = 3, [2] = -3 } }, Books);
        var state = Decode(bytes, Books);
        var restored = OrderBook.Restore(state.Spec!, state.Book!);
        Assert.Equal(Json(original.Snapshot()), Json(restored.Snapshot()));
        Assert.Equal([2L, 7L], state.Holdings.Keys);

        var (continueOriginal, continueRestored) = commands.DriveBoth(original, restored, 20_000);
        Assert.True(continueOriginal.Trades > 1000);
        Assert.Equal(continueOriginal.Events, continueRestored.Events);
        Assert.Equal(continueOriginal.Hash, continueRestored.Hash);
        Assert.Equal(Json(original.Snapshot()), Json(restored.Snapshot()));
    }

    [Fact]
    public void An_account_restored_from_its_binary_checkpoint_continues_like_the_original()
    {
        var x = Trading.Tests.Snapshots.SnapshotScenarios.Standard();
        var (_, positions) = x.Capture();
        var original = x.AccountOf(Trading.Tests.Snapshots.SnapshotScenarios.Trader);
        var state = Decode(Encode(positions[Trading.Tests.Snapshots.SnapshotScenarios.Trader], Positions), Positions);
        var restored = Account.Restore(state.Account!, symbol => state.Specs[symbol]);
        Assert.Equal(Json(original.ToSnapshot()), Json(restored.ToSnapshot()));
        Assert.True(original.ToSnapshot().Locks.Count > 0, "the trader's account must hold locks");

        var btc = TestSpecs.Btc;
        var results = new List<string>[] { new(), new() };
        var accounts = new[] { original, restored };
        for (var k = 0; k < 2; k++)
        {
            var a = accounts[k];
            var r = results[k];
            r.Add(Json(a.Fill(btc, 22, TradeSide.Sell, 51_000m, 0.2m, time: 1_795_100_000_000)));
            r.Add(Json(a.Place(btc, 25, TradeSide.Sell, 53_000m, 1m, OrderIntent.Close, time: 1_795_100_001_000)));
            r.Add(Json(a.Place(btc, 26, TradeSide.Buy, 49_000m, 0.4m, time: 1_795_100_002_000)));
            r.Add(Json(a.UpdateMarkPrice("BTCUSDT", btc.P(45_000m), 1_795_100_003_000)));
            r.Add(Json(a.CompleteOrder(23, 1_795_100_004_000)));
            r.Add(Json(a.ToSnapshot()));
        }
        Assert.Equal(results[0], results[1]);
    }

    private static string Json(object? value) => JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object));
}
