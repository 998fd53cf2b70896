using Trading.Runtime.Grains;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.Exchange.Codecs;
using Trading.Grains.Matching;
using OrderView = Trading.Grains.Interfaces.Exchange.OrderView;

namespace Trading.Grains.Exchange;

/// <summary>
/// A user's orders as they see them: every open order, and the most recent finished orders and fills
/// (bounded; the full history lives in ClickHouse).
/// </summary>
internal sealed class OrderJournal
{
    public const int MaxClosed = 1000;
    public const int MaxTrades = 1000;

    private readonly Dictionary<long, OrderView> _open = new();
    private readonly Queue<OrderView> _closed = new();
    private readonly Dictionary<long, OrderView> _closedById = new(); // the newest closed view of each id in _closed
    private readonly Queue<TradeView> _trades = new();
    // The closed orders and the trades encoded, record for record as the queues hold them (see EncodedRecordLog).
    private readonly EncodedRecordLog _closedLog = new();
    private readonly EncodedRecordLog _tradesLog = new();

    public OrderJournal(PositionGrainState state)
    {
        foreach (var o in state.OpenOrders) _open[o.OrderId] = o;
        foreach (var o in state.ClosedOrders) Close(o);
        foreach (var t in state.Trades) Enqueue(t);
    }

    public IEnumerable<OrderView> Open => _open.Values;

    public bool TryGetOpen(long orderId, out OrderView view) => _open.TryGetValue(orderId, out view!);

    public OrderView? Find(long orderId)
    {
        if (_open.TryGetValue(orderId, out var open)) return open;
        return _closedById.GetValueOrDefault(orderId);
    }

    /// <summary>Records the order's new state; a final status moves it to the closed list.</summary>
    public void Put(OrderView view)
    {
        if (view.Status.IsFinal())
        {
            _open.Remove(view.OrderId);
            Close(view);
        }
        else _open[view.OrderId] = view;
    }

    private void Close(OrderView view)
    {
        _closed.Enqueue(view);
        _closedLog.Append(OrderViewCodec.Instance, view);
        _closedById[view.OrderId] = view;
        while (_closed.Count > MaxClosed)
        {
            var gone = _closed.Dequeue();
            _closedLog.RemoveOldest();
            if (ReferenceEquals(_closedById.GetValueOrDefault(gone.OrderId), gone)) _closedById.Remove(gone.OrderId);
        }
    }

    public void AddTrade(TradeView trade)
    {
        Enqueue(trade);
        while (_trades.Count > MaxTrades)
        {
            _trades.Dequeue();
            _tradesLog.RemoveOldest();
        }
    }

    private void Enqueue(TradeView trade)
    {
        _trades.Enqueue(trade);
        _tradesLog.Append(TradeViewCodec.Instance, trade);
    }

    public IReadOnlyList<OrderView> Query(string? symbol, OrderStatus? status, bool openOnly, int limit)
    {
        var result = new List<OrderView>();
        foreach (var o in _open.Values)
            if (Matches(o)) result.Add(o);
        if (!openOnly)
            foreach (var o in _closed.Reverse())
                if (Matches(o)) result.Add(o);
        result.Sort((a, b) => b.UpdateTime != a.UpdateTime ? b.UpdateTime.CompareTo(a.UpdateTime) : b.OrderId.CompareTo(a.OrderId));
        return result.Count > limit ? result.GetRange(0, limit) : result;

        bool Matches(OrderView o) => (symbol is null || o.Symbol == symbol) && (status is null || o.Status == status);
    }

    public IReadOnlyList<TradeView> RecentTrades(string? symbol, int limit)
    {
        var result = new List<TradeView>();
        foreach (var t in _trades.Reverse())
        {
            if (symbol is not null && t.Symbol != symbol) continue;
            result.Add(t);
            if (result.Count == limit) break;
        }
        return result;
    }

    public void SaveTo(PositionGrainState state)
    {
        state.OpenOrders = [.. _open.Values];
        // Queue.ToArray copies in blocks; a collection expression over a queue walks its enumerator (a thousand steps each).
        state.ClosedOrders = new List<OrderView>(_closed.ToArray());
        state.Trades = new List<TradeView>(_trades.ToArray());
        state.Encoding = new JournalEncoding(state.ClosedOrders, _closedLog, state.Trades, _tradesLog);
    }
}
