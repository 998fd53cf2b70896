namespace Trading.Benchmarks.Mix50;

/// <summary>
/// One side of the <see cref="ShadowBook"/>: a sorted set of prices and, per price, a FIFO queue of
/// resting orders. Bids rank highest price first, asks lowest price first.
/// </summary>
public sealed class ShadowSide
{
    private readonly SortedSet<long> _prices = new();
    private readonly Dictionary<long, LinkedList<ShadowOrder>> _levels = new();

    /// <summary>Creates an empty side.</summary>
    public ShadowSide(bool isBid) => IsBid = isBid;

    /// <summary>True for the bid side.</summary>
    public bool IsBid { get; }

    /// <summary>Resting orders on this side.</summary>
    public int OrderCount { get; private set; }

    /// <summary>Non-empty price levels on this side.</summary>
    public int LevelCount => _levels.Count;

    /// <summary>The best price (highest bid / lowest ask), if any.</summary>
    public bool TryGetBestPrice(out long price)
    {
        if (_prices.Count == 0)
        {
            price = 0;
            return false;
        }

        price = IsBid ? _prices.Max : _prices.Min;
        return true;
    }

    /// <summary>The oldest order at the best price, if any.</summary>
    public ShadowOrder? BestOrder() =>
        TryGetBestPrice(out long price) ? _levels[price].First!.Value : null;

    /// <summary>Appends <paramref name="order"/> at the back of its price level.</summary>
    public void Add(ShadowOrder order)
    {
        if (!_levels.TryGetValue(order.Price, out LinkedList<ShadowOrder>? level))
        {
            level = new LinkedList<ShadowOrder>();
            _levels.Add(order.Price, level);
            _prices.Add(order.Price);
        }

        order.Node = level.AddLast(order);
        OrderCount++;
    }

    /// <summary>Unlinks <paramref name="order"/> from its level, dropping the level when it empties.</summary>
    public void Remove(ShadowOrder order)
    {
        LinkedList<ShadowOrder> level = _levels[order.Price];
        level.Remove(order.Node!);
        order.Node = null;
        if (level.Count == 0)
        {
            _levels.Remove(order.Price);
            _prices.Remove(order.Price);
        }

        OrderCount--;
    }

    /// <summary>Every resting order, best price to worst, FIFO within a level.</summary>
    public IEnumerable<ShadowOrder> OrdersBestToWorst()
    {
        IEnumerable<long> prices = IsBid ? _prices.Reverse() : _prices;
        foreach (long price in prices)
        {
            foreach (ShadowOrder order in _levels[price])
            {
                yield return order;
            }
        }
    }
}
