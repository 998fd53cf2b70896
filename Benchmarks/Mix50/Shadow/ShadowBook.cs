namespace Trading.Benchmarks.Mix50;

/// <summary>
/// The workload's reference ("shadow") order book: price-time priority, FIFO per level, an id map,
/// per-side counts and the RESTING array with its swap-remove discipline. Written for clarity, not
/// speed: it defines the outcome every engine must reproduce.
/// </summary>
public sealed class ShadowBook
{
    private readonly ShadowSide _bids = new(isBid: true);
    private readonly ShadowSide _asks = new(isBid: false);
    private readonly Dictionary<long, ShadowOrder> _byId = new();
    private readonly List<ShadowOrder> _resting = new();

    /// <summary>Resting bids.</summary>
    public int BidOrders => _bids.OrderCount;

    /// <summary>Resting asks.</summary>
    public int AskOrders => _asks.OrderCount;

    /// <summary>Non-empty bid price levels.</summary>
    public int BidLevels => _bids.LevelCount;

    /// <summary>Non-empty ask price levels.</summary>
    public int AskLevels => _asks.LevelCount;

    /// <summary>All resting orders (the length of RESTING).</summary>
    public int RestingCount => _resting.Count;

    /// <summary>The id of <c>RESTING[index]</c>.</summary>
    public long RestingIdAt(int index) => _resting[index].Id;

    /// <summary>Whether <paramref name="orderId"/> rests in the book.</summary>
    public bool Contains(long orderId) => _byId.ContainsKey(orderId);

    /// <summary>The highest bid price, if any.</summary>
    public bool TryGetBestBid(out long price) => _bids.TryGetBestPrice(out price);

    /// <summary>The lowest ask price, if any.</summary>
    public bool TryGetBestAsk(out long price) => _asks.TryGetBestPrice(out price);

    /// <summary>Applies one command, reporting each trade to <paramref name="listener"/> in execution order.</summary>
    public void Apply<TListener>(in Mix50Command command, ref TListener listener)
        where TListener : IMix50TradeListener
    {
        switch (command.Type)
        {
            case Mix50CommandType.Cancel:
                Cancel(command.OrderId);
                break;
            case Mix50CommandType.Limit:
                long remaining = Match(command, hasLimit: true, ref listener);
                if (remaining > 0)
                {
                    Rest(new ShadowOrder(command.OrderId, command.IsBuy, command.Price, remaining, command.Uid));
                }

                break;
            case Mix50CommandType.Ioc:
                Match(command, hasLimit: true, ref listener);
                break;
            case Mix50CommandType.Market:
                Match(command, hasLimit: false, ref listener);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command.Type, "unknown command type");
        }
    }

    /// <summary>Computes the <see cref="RestingChecksum"/> of the current book.</summary>
    public RestingChecksum ComputeRestingChecksum()
    {
        var checksum = new RestingChecksum();
        foreach (ShadowOrder order in _bids.OrdersBestToWorst())
        {
            checksum.Add(order.Id, order.Price, order.Remaining, isBuy: true);
        }

        foreach (ShadowOrder order in _asks.OrdersBestToWorst())
        {
            checksum.Add(order.Id, order.Price, order.Remaining, isBuy: false);
        }

        return checksum;
    }

    /// <summary>Matches a taker against the opposite side; returns its unfilled quantity.</summary>
    private long Match<TListener>(in Mix50Command taker, bool hasLimit, ref TListener listener)
        where TListener : IMix50TradeListener
    {
        ShadowSide opposite = taker.IsBuy ? _asks : _bids;
        long remaining = taker.Qty;
        while (remaining > 0)
        {
            ShadowOrder? maker = opposite.BestOrder();
            if (maker is null || (hasLimit && !Crosses(taker, maker.Price)))
            {
                break;
            }

            long qty = Math.Min(remaining, maker.Remaining);
            listener.OnTrade(taker.OrderId, maker.Id, maker.Price, qty);
            remaining -= qty;
            maker.Remaining -= qty;
            if (maker.Remaining == 0)
            {
                Remove(maker);
            }
        }

        return remaining;
    }

    private static bool Crosses(in Mix50Command taker, long makerPrice) =>
        taker.IsBuy ? taker.Price >= makerPrice : taker.Price <= makerPrice;

    private void Cancel(long orderId)
    {
        if (!_byId.TryGetValue(orderId, out ShadowOrder? order))
        {
            throw new InvalidOperationException($"cancel of unknown order id {orderId}");
        }

        Remove(order);
    }

    /// <summary>Puts an order to rest: back of its level, id map, end of RESTING.</summary>
    private void Rest(ShadowOrder order)
    {
        (order.IsBuy ? _bids : _asks).Add(order);
        _byId.Add(order.Id, order);
        order.RestingIndex = _resting.Count;
        _resting.Add(order);
    }

    /// <summary>Takes an order out of the book; RESTING is swap-removed (last element moves into its slot).</summary>
    private void Remove(ShadowOrder order)
    {
        (order.IsBuy ? _bids : _asks).Remove(order);
        _byId.Remove(order.Id);

        int slot = order.RestingIndex;
        int lastSlot = _resting.Count - 1;
        ShadowOrder last = _resting[lastSlot];
        _resting[slot] = last;
        last.RestingIndex = slot;
        _resting.RemoveAt(lastSlot);
    }
}
