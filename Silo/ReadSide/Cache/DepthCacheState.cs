using Trading.Client.Api.Push.Depth;
using Trading.Grains.Interfaces.Exchange;

namespace Trading.Silo.ReadSide.Cache;

/// <summary>
/// The cache writer's copy of one book's top-N view: a base (the cached value or a snapshot from the book) and
/// every <see cref="DepthUpdate"/> that continues its sequence chain.
/// </summary>
internal sealed class DepthCacheState(string symbol)
{
    private readonly DepthView _view = new();
    private bool _exact; // the sequence is an update's, so the next update must chain onto it exactly

    public string Symbol => symbol;
    public long Sequence { get; private set; }
    public long Timestamp { get; private set; }

    public void Reset(BookDepth snapshot)
    {
        _view.Reset(snapshot.Bids, snapshot.Asks);
        Sequence = snapshot.Sequence;
        Timestamp = snapshot.Timestamp;
        _exact = false;
    }

    /// <summary>Applies the update; false when it does not continue the chain (a new base is needed).</summary>
    public bool TryApply(DepthUpdate update, out bool changed)
    {
        changed = false;
        if (update.Sequence <= Sequence) return true; // already reflected in the base
        if (_exact ? update.PreviousSequence != Sequence : update.PreviousSequence > Sequence) return false;
        _view.Apply(update);
        Sequence = update.Sequence;
        Timestamp = update.Timestamp;
        _exact = true;
        changed = true;
        return true;
    }

    public BookDepth ToDepth() => new(symbol, Sequence, Timestamp, [.. _view.Bids], [.. _view.Asks]);
}
