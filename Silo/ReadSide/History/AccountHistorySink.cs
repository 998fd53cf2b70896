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
public sealed class AccountHistorySink(ClickHouseClient clickHouse, HistoryOptions options, MessageTypeRegistry messages) : IReadSideSink
{
    private readonly List<(OrderView Order, long UserId)> _orders = [];
    private readonly List<(UserUpdate Update, long Sequence)> _positions = [];
    private readonly JsonRows _rows = new();

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
            _rows.Clear();
            foreach (var (order, userId) in _orders) WriteOrder(order, userId);
            await clickHouse.InsertAsync(options.OrdersTable, "JSONEachRow", _rows.Body, cancellationToken).ConfigureAwait(false);
            written += _orders.Count;
            _orders.Clear();
        }
        if (_positions.Count > 0)
        {
            _rows.Clear();
            foreach (var (update, sequence) in _positions) WritePosition(update, update.Position!, sequence);
            await clickHouse.InsertAsync(options.PositionChangesTable, "JSONEachRow", _rows.Body, cancellationToken).ConfigureAwait(false);
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

    private void WriteOrder(OrderView o, long userId)
    {
        var w = _rows.BeginRow();
        w.WriteString("symbol"u8, o.Symbol);
        w.WriteNumber("time"u8, o.CreateTime / 1000);
        w.WriteNumber("time_ms"u8, o.CreateTime);
        w.WriteNumber("order_id"u8, o.OrderId);
        w.WriteNumber("user_id"u8, userId);
        w.WriteString("client_order_id"u8, o.ClientOrderId ?? "");
        w.WriteString("side"u8, ReasonCodes.Screaming(o.Side.ToString()));
        w.WriteString("type"u8, ReasonCodes.Screaming(o.Type.ToString()));
        w.WriteString("time_in_force"u8, ReasonCodes.Screaming(o.TimeInForce.ToString()));
        w.WriteNumber("price"u8, o.Price);
        w.WriteNumber("stop_price"u8, o.StopPrice);
        w.WriteNumber("quantity"u8, o.Quantity);
        w.WriteNumber("filled_quantity"u8, o.FilledQuantity);
        w.WriteNumber("filled_notional"u8, o.FilledNotional);
        w.WriteNumber("fees"u8, o.Fees);
        w.WriteString("status"u8, ReasonCodes.Screaming(o.Status.ToString()));
        w.WriteString("reason"u8, o.Reason ?? "");
        w.WriteNumber("reduce_only"u8, o.ReduceOnly ? 1 : 0);
        w.WriteNumber("liquidation"u8, o.Liquidation ? 1 : 0);
        w.WriteNumber("update_time_ms"u8, Math.Max(0, o.UpdateTime));
        _rows.EndRow();
    }

    private void WritePosition(UserUpdate update, PositionView p, long sequence)
    {
        var w = _rows.BeginRow();
        w.WriteString("symbol"u8, p.Symbol);
        w.WriteNumber("time"u8, update.Timestamp / 1000);
        w.WriteNumber("time_ms"u8, update.Timestamp);
        w.WriteNumber("user_id"u8, update.UserId);
        w.WriteNumber("event_seq"u8, sequence);
        w.WriteString("side"u8, ReasonCodes.Screaming(p.Side.ToString()));
        w.WriteString("margin_mode"u8, ReasonCodes.Screaming(p.Mode.ToString()));
        w.WriteNumber("leverage"u8, p.Leverage);
        w.WriteNumber("quantity"u8, p.Quantity);
        w.WriteNumber("entry_notional"u8, p.EntryNotional);
        w.WriteNumber("average_price"u8, p.AveragePrice);
        w.WriteNumber("mark_price"u8, p.MarkPrice);
        w.WriteNumber("unrealized_pnl"u8, p.UnrealizedPnl);
        w.WriteNumber("realized_pnl"u8, p.RealizedPnl);
        w.WriteNumber("margin"u8, p.Margin);
        w.WriteString("status"u8, ReasonCodes.Screaming(p.Status.ToString()));
        _rows.EndRow();
    }

    public bool IsUnavailable(Exception failure) => failure is ClickHouseException;
}
