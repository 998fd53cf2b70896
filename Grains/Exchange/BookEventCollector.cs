using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Matching;

namespace Trading.Grains.Exchange;

/// <summary>Collects a command's book events as contract <see cref="BookEvent"/>s.</summary>
internal struct BookEventCollector(List<BookEvent> events) : IMatchEventSink
{
    public readonly void OnEvent(in MatchEvent e) => events.Add(new BookEvent
    {
        Sequence = e.Sequence, Timestamp = e.Timestamp, Kind = e.Kind, Command = e.Command, Reason = ReasonCodes.Of(e.Reason),
        OrderId = e.OrderId, UserId = e.UserId, ClientOrderId = e.ClientOrderId, Side = e.Side, Type = e.Type,
        TimeInForce = e.TimeInForce, Status = e.Status, Price = e.Price, Quantity = e.Quantity, FilledQuantity = e.FilledQuantity,
        StopPrice = e.StopPrice, ReduceOnly = e.ReduceOnly, PositionAction = e.PositionAction, Liquidation = e.Liquidation,
        PriorityKept = e.PriorityKept, TradeSequence = e.TradeSequence, MakerOrderId = e.MakerOrderId, MakerUserId = e.MakerUserId,
        MakerClientOrderId = e.MakerClientOrderId, MakerFilledQuantity = e.MakerFilledQuantity, MakerStatus = e.MakerStatus,
        Notional = e.Notional, MakerFee = e.MakerFee, TakerFee = e.TakerFee,
    });
}
