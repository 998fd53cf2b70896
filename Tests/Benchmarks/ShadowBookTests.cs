using Trading.Benchmarks.Mix50;

namespace Trading.Tests.Benchmarks;

/// <summary>Matching rules and the RESTING discipline of the reference book.</summary>
public sealed class ShadowBookTests
{
    private readonly ShadowBook _book = new();
    private RecordingListener _trades = new();

    private void Apply(Mix50Command command) => _book.Apply(command, ref _trades);

    private long[] RestingIds()
    {
        var ids = new long[_book.RestingCount];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = _book.RestingIdAt(i);
        }

        return ids;
    }

    [Fact]
    public void BuyTaker_MatchesBestPriceFirst_FifoWithinLevel_AtMakerPrice()
    {
        Apply(Mix50Command.Limit(1, isBuy: false, 101, 10, 7));
        Apply(Mix50Command.Limit(2, isBuy: false, 101, 10, 7));
        Apply(Mix50Command.Limit(3, isBuy: false, 100, 10, 7));
        Apply(Mix50Command.Ioc(4, isBuy: true, 105, 25, 7));

        Assert.Equal([(4L, 3L, 100L, 10L), (4L, 1L, 101L, 10L), (4L, 2L, 101L, 5L)], _trades.Trades);
        Assert.Equal([2L], RestingIds());
        Assert.True(_book.TryGetBestAsk(out long bestAsk));
        Assert.Equal(101, bestAsk);
    }

    [Fact]
    public void SellTaker_MatchesHighestBidFirst()
    {
        Apply(Mix50Command.Limit(1, isBuy: true, 99, 5, 1));
        Apply(Mix50Command.Limit(2, isBuy: true, 100, 5, 1));
        Apply(Mix50Command.Ioc(3, isBuy: false, 99, 8, 1));

        Assert.Equal([(3L, 2L, 100L, 5L), (3L, 1L, 99L, 3L)], _trades.Trades);
    }

    [Fact]
    public void Ioc_StopsAtItsPrice_AndDiscardsRemainder()
    {
        Apply(Mix50Command.Limit(1, isBuy: false, 100, 5, 1));
        Apply(Mix50Command.Limit(2, isBuy: false, 102, 5, 1));
        Apply(Mix50Command.Ioc(3, isBuy: true, 101, 50, 1));

        Assert.Equal([(3L, 1L, 100L, 5L)], _trades.Trades);
        Assert.Equal([2L], RestingIds());
        Assert.Equal(0, _book.BidOrders);
    }

    [Fact]
    public void Market_HasNoPriceLimit_AndDiscardsRemainder()
    {
        Apply(Mix50Command.Limit(1, isBuy: false, 100, 5, 1));
        Apply(Mix50Command.Limit(2, isBuy: false, 200, 5, 1));
        Apply(Mix50Command.Market(3, isBuy: true, 50, 1));

        Assert.Equal([(3L, 1L, 100L, 5L), (3L, 2L, 200L, 5L)], _trades.Trades);
        Assert.Equal(0, _book.RestingCount);
        Assert.False(_book.TryGetBestBid(out _));
    }

    [Fact]
    public void CrossingGtc_RestsRemainderAtItsLimit()
    {
        Apply(Mix50Command.Limit(1, isBuy: false, 100, 5, 1));
        Apply(Mix50Command.Limit(2, isBuy: true, 101, 8, 1));

        Assert.Equal([(2L, 1L, 100L, 5L)], _trades.Trades);
        Assert.True(_book.TryGetBestBid(out long bestBid));
        Assert.Equal(101, bestBid);
        Assert.Equal(1, _book.BidOrders);
        Assert.Equal(0, _book.AskOrders);
        Assert.Equal([2L], RestingIds());
    }

    [Fact]
    public void SameUser_Trades()
    {
        Apply(Mix50Command.Limit(1, isBuy: false, 100, 5, 42));
        Apply(Mix50Command.Ioc(2, isBuy: true, 100, 5, 42));
        Assert.Single(_trades.Trades);
    }

    [Fact]
    public void Resting_AppendsAndSwapRemoves()
    {
        for (long id = 1; id <= 4; id++)
        {
            Apply(Mix50Command.Limit(id, isBuy: false, 100 + id, 10, 1));
        }

        Assert.Equal([1L, 2L, 3L, 4L], RestingIds());
        Apply(Mix50Command.Cancel(2));
        Assert.Equal([1L, 4L, 3L], RestingIds()); // last (4) moved into 2's slot

        // One taker fills 1 (at 101) then 3 (at 103): removed in match order.
        // Remove 1: last (3) moves to slot 0 -> [3, 4]; remove 3: last (4) moves to slot 0 -> [4].
        Apply(Mix50Command.Ioc(5, isBuy: true, 103, 20, 1));
        Assert.Equal([4L], RestingIds());
        Apply(Mix50Command.Limit(6, isBuy: true, 90, 1, 1));
        Assert.Equal([4L, 6L], RestingIds());
    }

    [Fact]
    public void PartialFill_KeepsMakerInPlace()
    {
        Apply(Mix50Command.Limit(1, isBuy: false, 100, 10, 1));
        Apply(Mix50Command.Limit(2, isBuy: false, 100, 10, 1));
        Apply(Mix50Command.Ioc(3, isBuy: true, 100, 4, 1));
        Apply(Mix50Command.Ioc(4, isBuy: true, 100, 7, 1));

        Assert.Equal([(3L, 1L, 100L, 4L), (4L, 1L, 100L, 6L), (4L, 2L, 100L, 1L)], _trades.Trades);
        Assert.Equal([2L], RestingIds());
    }

    [Fact]
    public void Cancel_OfUnknownOrder_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Apply(Mix50Command.Cancel(99)));
    }

    [Fact]
    public void RestingChecksum_OfEmptyBook_IsOffsetBasis()
    {
        Assert.Equal(Fnv1a64.OffsetBasis, _book.ComputeRestingChecksum().Value);
    }

    [Fact]
    public void RestingChecksum_WalksBidsBestFirstThenAsksBestFirst_FifoWithinLevel()
    {
        Apply(Mix50Command.Limit(1, isBuy: true, 98, 1, 1));
        Apply(Mix50Command.Limit(2, isBuy: true, 99, 2, 1));
        Apply(Mix50Command.Limit(3, isBuy: false, 102, 3, 1));
        Apply(Mix50Command.Limit(4, isBuy: false, 101, 4, 1));
        Apply(Mix50Command.Limit(5, isBuy: true, 99, 5, 1));

        var expected = new Fnv1a64();
        foreach ((long id, long price, long qty, ulong side) in new[]
                 { (2L, 99L, 2L, 1UL), (5L, 99L, 5L, 1UL), (1L, 98L, 1L, 1UL), (4L, 101L, 4L, 0UL), (3L, 102L, 3L, 0UL) })
        {
            expected.Add(id);
            expected.Add(price);
            expected.Add(qty);
            expected.Add(side);
        }

        RestingChecksum actual = _book.ComputeRestingChecksum();
        Assert.Equal(expected.Value, actual.Value);
        Assert.Equal(5, actual.Count);
    }
}
