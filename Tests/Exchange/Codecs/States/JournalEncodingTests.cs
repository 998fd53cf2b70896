using Trading.Grains.Exchange;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Matching;
using OrderView = Trading.Grains.Interfaces.Exchange.OrderView;
using static Trading.Tests.Exchange.Codecs.States.StateCodecs;

namespace Trading.Tests.Exchange.Codecs.States;

/// <summary>
/// A live account's journal keeps its closed orders and trades encoded (<see cref="EncodedRecordLog"/>), and the state
/// codec writes those bytes instead of encoding the lists: the checkpoint must be byte for byte what encoding the lists
/// gives, through evictions past the bounds and the log's buffer moves, and the codec must fall back to the lists when
/// they no longer match the log.
/// </summary>
public sealed class JournalEncodingTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(700, 300)]
    [InlineData(OrderJournal.MaxClosed + 1, OrderJournal.MaxTrades + 1)]
    [InlineData(3 * OrderJournal.MaxClosed + 17, 5 * OrderJournal.MaxTrades + 3)] // the logs evict and move many times
    public void A_checkpoint_from_the_encoded_journal_equals_one_encoding_the_lists(int closed, int trades)
    {
        var journal = new OrderJournal(new PositionGrainState());
        Fill(journal, closed, trades, seed: closed * 31 + trades);
        var state = new PositionGrainState();
        journal.SaveTo(state);

        Assert.NotNull(state.Encoding);
        Assert.True(state.Encoding!.Matches(state));
        Assert.Equal(Math.Min(closed, OrderJournal.MaxClosed), state.ClosedOrders.Count);
        Assert.Equal(Math.Min(trades, OrderJournal.MaxTrades), state.Trades.Count);
        var fast = Encode(state, Positions);
        state.Encoding = null;
        var plain = Encode(state, Positions);
        Assert.Equal(plain, fast);

        // Read back into a new journal, whose logs are built from the lists: the same bytes again.
        var restored = new OrderJournal(Decode(fast, Positions));
        var again = new PositionGrainState();
        restored.SaveTo(again);
        Assert.True(again.Encoding!.Matches(again));
        Assert.Equal(plain, Encode(again, Positions));
    }

    [Fact]
    public void A_journal_changed_after_the_copy_is_not_written_from_its_log()
    {
        var journal = new OrderJournal(new PositionGrainState());
        Fill(journal, 10, 10, seed: 7);
        var state = new PositionGrainState();
        journal.SaveTo(state);
        var expected = Encode(new PositionGrainState { ClosedOrders = [.. state.ClosedOrders], Trades = [.. state.Trades] }, Positions);

        journal.AddTrade(Trade(99, 1));
        Put(journal, 99, 1);
        Assert.False(state.Encoding!.Matches(state));
        Assert.Equal(expected, Encode(state, Positions)); // the lists as copied, not the log that moved on

        state = new PositionGrainState();
        journal.SaveTo(state);
        state.Trades = [.. state.Trades.Take(5)]; // a list replaced after the copy
        Assert.False(state.Encoding!.Matches(state));
        Assert.Equal(5, Decode(Encode(state, Positions), Positions).Trades.Count);
    }

    private static void Fill(OrderJournal journal, int closed, int trades, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Math.Max(closed, trades); i++)
        {
            if (i < closed) Put(journal, 1_000 + i, random.Next(1, 5));
            if (i < trades) journal.AddTrade(Trade(5_000 + i, random.Next(1, 1_000)));
        }
    }

    private static void Put(OrderJournal journal, long orderId, int variant) => journal.Put(new OrderView
    {
        OrderId = orderId, Symbol = variant % 2 == 0 ? "BTCUSDT" : "ETHUSDT", ClientOrderId = variant == 3 ? $"client-{orderId}" : null,
        Side = variant % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, Type = OrderType.Limit, TimeInForce = TimeInForce.Gtc,
        Price = 500_000 + orderId * variant, Quantity = 10 * variant, FilledQuantity = variant == 4 ? 0 : 10 * variant,
        FilledNotional = 123_456_789L * variant, Fees = variant, Status = variant == 4 ? OrderStatus.Canceled : OrderStatus.Filled,
        Reason = variant == 4 ? "user canceled" : null, CreateTime = 1_795_000_000_000 + orderId, UpdateTime = 1_795_000_000_500 + orderId,
        WorstPrice = 510_000,
    });

    private static TradeView Trade(long tradeId, long quantity) =>
        new(tradeId, tradeId % 3 == 0 ? "ETHUSDT" : "BTCUSDT", tradeId / 2, tradeId % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, 500_000 + tradeId,
            quantity, quantity * 500_000, -quantity, tradeId % 5 == 0 ? -77 : 0, tradeId % 2 == 0, tradeId % 97 == 0, 1_795_000_000_000 + tradeId);
}
