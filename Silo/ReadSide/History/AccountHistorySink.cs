using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Matching;
using OrderView = Trading.Grains.Interfaces.Exchange.OrderView;
using Trading.Runtime.Configuration;
using Trading.Runtime.Messaging;
using Trading.Runtime.Storage.ClickHouse;
using Trading.Runtime.Streams;

namespace Trading.Silo.ReadSide.History;

/// <summary>
/// Account updates from <c>positions</c>: orders that reached a final state into the orders table, and each
/// position change into the position changes table. A row written twice (a replay) has the same natural key and
/// collapses in the ReplacingMergeTree; each table's rows are cleared once written, so a retry after a failure
/// repeats only the table that failed.
/// </summary>
public sealed class AccountHistorySink(ClickHouseClient clickHouse, HistoryOptions options, MessageTypeRegistry messages) : IReadSideSink, IDisposable
{
    private readonly List<(OrderView Order, long UserId)> _orders = [];
    private readonly List<(UserUpdate Update, long Sequence)> _positions = [];
    private readonly RowBinaryRows _orderRows = new(HistorySchema.Orders(options));
    private readonly RowBinaryRows _positionRows = new(HistorySchema.PositionChanges(options));

    public int PendingRows => _orders.Count + _positions.Count;

    public void Add(StreamEvent streamEvent)
    {
        if (!messages.TryResolve(streamEvent.Envelope.Type, out var type) || type != typeof(UserUpdate)) return;
        var update = (UserUpdate)messages.Deserialize(streamEvent.Envelope.Type, streamEvent.Envelope.Payload);
        foreach (var order in update.Orders)
            if (order.Status.IsFinal()) _orders.Add((order, update.UserId));
        if (update.Position is not null) _positions.Add((update, streamEvent.Envelope.Sequence));
    }

    public async Task<int> WriteAsync(CancellationToken cancellationToken)
    {
        var written = 0;
        if (_orders.Count > 0)
        {
            _orderRows.Clear();
            foreach (var (order, userId) in _orders) WriteOrder(order, userId);
            await clickHouse.InsertAsync(_orderRows, cancellationToken).ConfigureAwait(false);
            written += _orders.Count;
            _orders.Clear();
        }
        if (_positions.Count > 0)
        {
            _positionRows.Clear();
            foreach (var (update, sequence) in _positions) WritePosition(update, update.Position!, sequence);
            await clickHouse.InsertAsync(_positionRows, cancellationToken).ConfigureAwait(false);
            written += _positions.Count;
            _positions.Clear();
        }
        return written;
    }

    public void Reset()
    {
        _orders.Clear();
        _positions.Clear();
    }

    public void Dispose()
    {
        _orderRows.Dispose();
        _positionRows.Dispose();
    }

    private void WriteOrder(OrderView o, long userId)
    {
        var r = _orderRows;
        r.String(o.Symbol);
        r.DateTime(o.CreateTime / 1000);
        r.Int64(o.CreateTime);
        r.Int64(o.OrderId);
        r.Int64(userId);
        r.String(o.ClientOrderId ?? "");
        r.String(ReasonCodes.Screaming(o.Side.ToString()));
        r.String(ReasonCodes.Screaming(o.Type.ToString()));
        r.String(ReasonCodes.Screaming(o.TimeInForce.ToString()));
        r.Int64(o.Price);
        r.Int64(o.StopPrice);
        r.Int64(o.Quantity);
        r.Int64(o.FilledQuantity);
        r.Int64(o.FilledNotional);
        r.Int64(o.Fees);
        r.String(ReasonCodes.Screaming(o.Status.ToString()));
        r.String(o.Reason ?? "");
        r.Flag(o.ReduceOnly);
        r.Flag(o.Liquidation);
        r.UInt64((ulong)Math.Max(0, o.UpdateTime));
        r.EndRow();
    }

    private void WritePosition(UserUpdate update, PositionView p, long sequence)
    {
        var r = _positionRows;
        r.String(p.Symbol);
        r.DateTime(update.Timestamp / 1000);
        r.Int64(update.Timestamp);
        r.Int64(update.UserId);
        r.Int64(sequence);
        r.String(ReasonCodes.Screaming(p.Side.ToString()));
        r.String(ReasonCodes.Screaming(p.Mode.ToString()));
        r.Int32(p.Leverage);
        r.Int64(p.Quantity);
        r.Int64(p.EntryNotional);
        r.Int64(p.AveragePrice);
        r.Int64(p.MarkPrice);
        r.Int64(p.UnrealizedPnl);
        r.Int64(p.RealizedPnl);
        r.Int64(p.Margin);
        r.String(ReasonCodes.Screaming(p.Status.ToString()));
        r.EndRow();
    }

    public bool IsUnavailable(Exception failure) => failure is ClickHouseException;
}
