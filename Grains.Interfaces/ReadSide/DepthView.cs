using Trading.Grains.Interfaces.Exchange;

namespace Trading.Grains.Interfaces.ReadSide;

/// <summary>
/// A copy of a book's top-N view: both sides sorted best first, set from a snapshot and changed by
/// <see cref="DepthUpdate"/> entries (quantity 0 removes the level).
/// </summary>
internal sealed class DepthView
{
    private readonly List<DepthEntry> _bids = new();
    private readonly List<DepthEntry> _asks = new();

    public IReadOnlyList<DepthEntry> Bids => _bids;
    public IReadOnlyList<DepthEntry> Asks => _asks;

    public void Reset(IReadOnlyList<DepthEntry> bids, IReadOnlyList<DepthEntry> asks)
    {
        _bids.Clear();
        _asks.Clear();
        for (var i = 0; i < bids.Count; i++) Set(_bids, bids[i], descending: true);
        for (var i = 0; i < asks.Count; i++) Set(_asks, asks[i], descending: false);
    }

    public void Apply(DepthUpdate update)
    {
        for (var i = 0; i < update.Bids.Count; i++) Set(_bids, update.Bids[i], descending: true);
        for (var i = 0; i < update.Asks.Count; i++) Set(_asks, update.Asks[i], descending: false);
    }

    public void Clear()
    {
        _bids.Clear();
        _asks.Clear();
    }

    private static void Set(List<DepthEntry> side, DepthEntry level, bool descending)
    {
        var lo = 0;
        var hi = side.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var price = side[mid].Price;
            if (price == level.Price)
            {
                if (level.Quantity == 0) side.RemoveAt(mid);
                else side[mid] = level;
                return;
            }
            if (descending ? price > level.Price : price < level.Price) lo = mid + 1;
            else hi = mid - 1;
        }
        if (level.Quantity != 0) side.Insert(lo, level);
    }
}
