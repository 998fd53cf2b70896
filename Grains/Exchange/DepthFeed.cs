using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Matching;

namespace Trading.Grains.Exchange;

/// <summary>
/// Remembers the top-N levels of each side as last published and turns a command's effect on them into a
/// <see cref="DepthUpdate"/> of the levels that changed. The remembered view is a function of the book alone, so
/// a grain restored from a checkpoint and replaying its input publishes the same updates again.
/// </summary>
internal sealed class DepthFeed(int levels)
{
    private readonly DepthLevel[] _bids = new DepthLevel[levels];
    private readonly DepthLevel[] _asks = new DepthLevel[levels];
    private readonly DepthLevel[] _scratch = new DepthLevel[levels];
    private readonly List<DepthEntry> _changes = new();
    private int _bidCount;
    private int _askCount;
    private long _sequence;

    public int Levels => levels;

    /// <summary>Takes the book's current view as published (after a restore or a reconfiguration).</summary>
    public void Reset(OrderBook book)
    {
        _bidCount = book.GetDepth(OrderSide.Buy, _bids);
        _askCount = book.GetDepth(OrderSide.Sell, _asks);
        _sequence = book.EventSequence;
    }

    /// <summary>The update since the last one, or null when the view did not change.</summary>
    public DepthUpdate? Next(OrderBook book, string symbol, long timestamp)
    {
        var bids = Changes(book, OrderSide.Buy, _bids, ref _bidCount, descending: true);
        var asks = Changes(book, OrderSide.Sell, _asks, ref _askCount, descending: false);
        if (bids.Length == 0 && asks.Length == 0) return null;
        var update = new DepthUpdate(symbol, _sequence, book.EventSequence, timestamp, levels, bids, asks);
        _sequence = book.EventSequence;
        return update;
    }

    /// <summary>Merges the old and new views (both sorted best first) into the list of changed levels.</summary>
    private DepthEntry[] Changes(OrderBook book, OrderSide side, DepthLevel[] view, ref int count, bool descending)
    {
        var n = book.GetDepth(side, _scratch);
        _changes.Clear();
        int i = 0, j = 0;
        while (i < count || j < n)
        {
            if (j == n || (i < count && Better(view[i].Price, _scratch[j].Price, descending)))
            {
                _changes.Add(new DepthEntry(view[i].Price, 0, 0));
                i++;
            }
            else if (i == count || Better(_scratch[j].Price, view[i].Price, descending))
            {
                _changes.Add(new DepthEntry(_scratch[j].Price, _scratch[j].Quantity, _scratch[j].OrderCount));
                j++;
            }
            else
            {
                if (view[i].Quantity != _scratch[j].Quantity || view[i].OrderCount != _scratch[j].OrderCount)
                    _changes.Add(new DepthEntry(_scratch[j].Price, _scratch[j].Quantity, _scratch[j].OrderCount));
                i++;
                j++;
            }
        }
        Array.Copy(_scratch, view, n);
        count = n;
        return _changes.Count == 0 ? [] : [.. _changes];
    }

    private static bool Better(long a, long b, bool descending) => descending ? a > b : a < b;
}
