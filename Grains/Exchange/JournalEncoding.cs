using Trading.Grains.Interfaces.Exchange;

namespace Trading.Grains.Exchange;

/// <summary>
/// What <see cref="OrderJournal.SaveTo"/> left beside the lists it copied into a <see cref="PositionGrainState"/>: the
/// journal's encoded logs of those lists and their versions at the copy. <see cref="Matches"/> holds while the state
/// still has those very lists and the logs have not changed since, so the bytes are the lists' encoding.
/// </summary>
internal sealed class JournalEncoding(List<OrderView> closedOrders, EncodedRecordLog closed, List<TradeView> trades, EncodedRecordLog tradesLog)
{
    private readonly int _closedCount = closedOrders.Count;
    private readonly long _closedVersion = closed.Version;
    private readonly int _tradeCount = trades.Count;
    private readonly long _tradesVersion = tradesLog.Version;

    public EncodedRecordLog Closed => closed;

    public EncodedRecordLog Trades => tradesLog;

    public bool Matches(PositionGrainState state) =>
        ReferenceEquals(state.ClosedOrders, closedOrders) && closedOrders.Count == _closedCount && closed.Version == _closedVersion
        && closed.Count == _closedCount
        && ReferenceEquals(state.Trades, trades) && trades.Count == _tradeCount && tradesLog.Version == _tradesVersion
        && tradesLog.Count == _tradeCount;
}
