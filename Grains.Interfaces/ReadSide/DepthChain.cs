using Trading.Grains.Interfaces.Exchange;

namespace Trading.Grains.Interfaces.ReadSide;

/// <summary>What <see cref="DepthChain.Apply"/> did with an update.</summary>
public enum DepthChainOutcome
{
    /// <summary>The update continued the chain and changed the copy.</summary>
    Applied,
    /// <summary>The update is already reflected (its sequence is not past the copy's).</summary>
    Old,
    /// <summary>The update does not follow the copy: a new base (snapshot) is needed.</summary>
    Gap,
}

/// <summary>
/// A consumer's copy of a book's top-N view kept by the <see cref="DepthUpdate"/> chain: a base from a snapshot
/// (<see cref="BookDepth"/>), then every update whose previous sequence continues it. After a snapshot with sequence
/// S the first update may have previousSequence &lt;= S &lt; sequence; after an update, the next must chain exactly.
/// Used by the WebSocket depth channel and the latest-data cache writer.
/// </summary>
public sealed class DepthChain
{
    private readonly DepthView _view = new();
    private bool _exact; // Sequence is an update's (not only a snapshot's)

    public long Sequence { get; private set; }
    public long Timestamp { get; private set; }
    public IReadOnlyList<DepthEntry> Bids => _view.Bids;
    public IReadOnlyList<DepthEntry> Asks => _view.Asks;

    public void Reset(BookDepth snapshot)
    {
        _view.Reset(snapshot.Bids, snapshot.Asks);
        Sequence = snapshot.Sequence;
        Timestamp = snapshot.Timestamp;
        _exact = false;
    }

    public void Clear()
    {
        _view.Clear();
        Sequence = 0;
        Timestamp = 0;
        _exact = false;
    }

    public DepthChainOutcome Apply(DepthUpdate update)
    {
        if (update.Sequence <= Sequence) return DepthChainOutcome.Old;
        if (_exact ? update.PreviousSequence != Sequence : update.PreviousSequence > Sequence) return DepthChainOutcome.Gap;
        _view.Apply(update);
        Sequence = update.Sequence;
        Timestamp = update.Timestamp;
        _exact = true;
        return DepthChainOutcome.Applied;
    }

    public BookDepth ToDepth(string symbol) => new(symbol, Sequence, Timestamp, [.. _view.Bids], [.. _view.Asks]);
}
