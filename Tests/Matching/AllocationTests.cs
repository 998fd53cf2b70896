using Trading.Grains.Matching;

namespace Trading.Tests.Matching;

public class AllocationTests
{
    /// <summary>Resting order ids with swap-remove, preallocated so that tracking itself does not allocate.</summary>
    private sealed class RestingSet
    {
        public readonly long[] Ids = new long[100_000];
        public readonly Dictionary<long, int> Index = new(100_000);
        public int Count;

        public void Add(long id)
        {
            Index[id] = Count;
            Ids[Count++] = id;
        }

        public void Remove(long id)
        {
            var i = Index[id];
            var last = Ids[--Count];
            Ids[i] = last;
            Index[last] = i;
            Index.Remove(id);
        }
    }

    private struct TrackingSink(RestingSet set) : IMatchEventSink
    {
        public long Trades;

        public void OnEvent(in MatchEvent e)
        {
            if (e.Kind == MatchEventKind.Trade)
            {
                Trades++;
                if (e.MakerStatus == OrderStatus.Filled) set.Remove(e.MakerOrderId);
            }
            else if (e.Kind == MatchEventKind.Canceled) set.Remove(e.OrderId);
        }
    }

    private sealed class Driver
    {
        public readonly OrderBook Book = new(BookHarness.Spec());
        public readonly RestingSet Resting = new();
        public TrackingSink Sink;
        private readonly DepthLevel[] depth = new DepthLevel[10];
        private ulong state = 99;
        private long id = 1;

        public Driver() => Sink = new TrackingSink(Resting);

        private long Next(long n)
        {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            return (long)((state >> 33) % (ulong)n);
        }

        /// <summary>A mix50-like stream: 50 % passive GTC, 10 % IOC / market, 30 % cancel, 10 % crossing GTC.</summary>
        public void Run(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var r = Next(100);
                var side = Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
                var buy = side == OrderSide.Buy;
                var mid = Book.BestBid != 0 && Book.BestAsk != 0 ? (Book.BestBid + Book.BestAsk) / 2 : 1000;
                var takerQty = 1 + Next(Resting.Count > 1000 ? 200 : 100);
                var user = 1 + Next(1000);
                if (r is >= 60 and < 90 && Resting.Count > 0)
                {
                    var target = Resting.Ids[Next(Resting.Count)];
                    Book.Cancel(CancelOrder.ById(target, Book.TryGetOrder(target, out var v) ? v.UserId : 0, i), ref Sink);
                }
                else if (r < 50 || r >= 60 && r < 90)
                    Place(PlaceOrder.Limit(id++, user, side, buy ? mid - 1 - Next(40) : mid + 1 + Next(40), 1 + Next(100), i));
                else if (r < 55)
                    Place(PlaceOrder.Market(id++, user, side, takerQty, i, 0));
                else
                    Place(PlaceOrder.Limit(id++, user, side, buy ? (Book.BestAsk != 0 ? Book.BestAsk : mid) + Next(5) : (Book.BestBid != 0 ? Book.BestBid : mid) - Next(5), takerQty, i,
                        r < 60 ? TimeInForce.Ioc : TimeInForce.Gtc));
                Book.GetDepth(side, depth);
            }
        }

        private void Place(PlaceOrder cmd)
        {
            var status = Book.Place(cmd, ref Sink);
            if (status is OrderStatus.New or OrderStatus.PartiallyFilled) Resting.Add(cmd.OrderId);
        }
    }

    /// <summary>
    /// Steady state: a book of ~1,000 orders under a place / IOC / market / cancel / depth mix allocates nothing
    /// once its pools have grown (measured on this thread only, so parallel tests do not interfere).
    /// </summary>
    [Fact]
    public void Steady_state_commands_allocate_nothing()
    {
        var driver = new Driver();
        driver.Run(200_000); // grow the pools, tier up the JIT
        var before = GC.GetAllocatedBytesForCurrentThread();
        driver.Run(200_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(driver.Sink.Trades > 10_000, $"trades {driver.Sink.Trades}");
        Assert.Equal(driver.Resting.Count, driver.Book.RestingOrderCount);
        Assert.True(driver.Book.RestingOrderCount is > 100 and < 3000, $"resting {driver.Book.RestingOrderCount}");
        Assert.Equal(0, allocated);
    }
}
