using Trading.Client.Api.Push.Connections;
using Trading.Client.Api.Push.Fanout;
using Trading.Client.Api.Push.Protocol;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.ReadSide;
using Trading.Grains.Symbols;

namespace Trading.Client.Api.Push.Depth;

/// <summary>
/// The depth channel of one symbol. While it has subscribers it keeps a copy of the book's top-N view: a snapshot
/// from the book, then every <see cref="DepthUpdate"/> whose previous sequence continues the chain. A subscriber
/// gets the copy as a snapshot (tagged with the sequence it reflects), then exactly the updates that follow it, as
/// the same bytes every other subscriber gets. Updates that arrive while a snapshot is being fetched are held and
/// replayed on it; a gap in the chain stops the updates and fetches a new snapshot, which goes to every subscriber.
/// </summary>
/// <remarks>
/// The client's rule: after a snapshot with sequence S, the first update has previousSequence &lt;= S &lt; sequence,
/// and each later update's previousSequence is the sequence of the one before. A snapshot replaces the client's book.
/// </remarks>
public sealed class DepthReplica(string symbol, SymbolSpec spec, Func<CancellationToken, Task<BookDepth>> fetchSnapshot,
    PushOptions options, PushStatistics statistics, TimeProvider clock, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly DepthChain _chain = new();
    private readonly List<DepthUpdate> _held = new();
    private readonly SubscriberSet _subscribers = new();
    private SymbolSpec _spec = spec;
    private bool _synced;
    private bool _fetching;
    private bool _heldOverflow;
    private byte[]? _snapshotFrame;

    public string Symbol => symbol;
    public int SubscriberCount => _subscribers.Count;

    /// <summary>Adds a subscriber (or re-sends the snapshot to one already there): it gets the snapshot now if the copy is in sync, else when it is.</summary>
    public void Subscribe(PushConnection connection, SymbolSpec current)
    {
        lock (_gate)
        {
            _spec = current;
            _subscribers.Add(connection);
            if (_synced) connection.Send(SnapshotFrame());
            else if (!_fetching) StartFetch();
        }
    }

    public void Unsubscribe(PushConnection connection)
    {
        lock (_gate)
        {
            if (!_subscribers.Remove(connection) || _subscribers.Count > 0) return;
            // Nobody watches: stop keeping the copy; the next subscriber starts from a fresh snapshot.
            _synced = false;
            _chain.Clear();
            _held.Clear();
            _snapshotFrame = null;
        }
    }

    /// <summary>Called by the feed, in log order, for every update of this symbol.</summary>
    public void OnUpdate(DepthUpdate update)
    {
        lock (_gate)
        {
            if (!_synced)
            {
                if (!_fetching) return;
                if (_held.Count >= options.DepthBufferLimit)
                {
                    _held.Clear();
                    _heldOverflow = true;
                }
                else _held.Add(update);
                return;
            }
            switch (Apply(update))
            {
                case DepthChainOutcome.Applied:
                    _subscribers.Broadcast(PushFrames.Depth(_spec, snapshot: false, update.PreviousSequence, update.Sequence, update.Timestamp,
                        Now(), update.Bids, update.Asks));
                    break;
                case DepthChainOutcome.Gap:
                    statistics.DepthGap();
                    logger.LogWarning("Depth of {Symbol}: update {Previous}->{Sequence} does not follow {Last}; fetching a snapshot",
                        symbol, update.PreviousSequence, update.Sequence, _chain.Sequence);
                    _synced = false;
                    StartFetch();
                    break;
            }
        }
    }

    private DepthChainOutcome Apply(DepthUpdate update)
    {
        var outcome = _chain.Apply(update);
        if (outcome == DepthChainOutcome.Applied) _snapshotFrame = null;
        return outcome;
    }

    private byte[] SnapshotFrame() =>
        _snapshotFrame ??= PushFrames.Depth(_spec, snapshot: true, 0, _chain.Sequence, _chain.Timestamp, Now(), _chain.Bids, _chain.Asks);

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private void StartFetch()
    {
        _fetching = true;
        _held.Clear();
        _heldOverflow = false;
        _ = Task.Run(FetchAsync);
    }

    private async Task FetchAsync()
    {
        while (true)
        {
            BookDepth snapshot;
            try
            {
                statistics.SnapshotFetched();
                snapshot = await fetchSnapshot(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Depth snapshot of {Symbol} failed; retrying in {RetryMs} ms", symbol, options.SnapshotRetryMs);
                await Task.Delay(options.SnapshotRetryMs).ConfigureAwait(false);
                lock (_gate)
                {
                    if (_subscribers.Count == 0)
                    {
                        _fetching = false;
                        return;
                    }
                }
                continue;
            }
            lock (_gate)
            {
                if (_subscribers.Count == 0)
                {
                    _fetching = false;
                    _held.Clear();
                    return;
                }
                if (TrySync(snapshot))
                {
                    _fetching = false;
                    _synced = true;
                    _subscribers.Broadcast(SnapshotFrame());
                    return;
                }
                _held.Clear();
                _heldOverflow = false;
            }
        }
    }

    /// <summary>Takes the snapshot and replays the held updates on it; false when they do not chain (fetch again).</summary>
    private bool TrySync(BookDepth snapshot)
    {
        _chain.Reset(snapshot);
        _snapshotFrame = null;
        if (_heldOverflow) return false;
        for (var i = 0; i < _held.Count; i++)
            if (Apply(_held[i]) == DepthChainOutcome.Gap) return false;
        _held.Clear();
        return true;
    }
}
