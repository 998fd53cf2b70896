namespace Trading.Grains.Matching;

/// <summary>
/// One output of the book. A single wide struct for every <see cref="MatchEventKind"/> so that sinks receive
/// events by reference without allocation. The "subject" fields describe the order the event is about (the
/// taker for trades); the Maker* fields are set on trades only.
/// </summary>
public struct MatchEvent
{
    /// <summary>Per-book event sequence number, 1, 2, 3 ... without gaps.</summary>
    public long Sequence;
    /// <summary>Time of the command that caused the event.</summary>
    public long Timestamp;
    public MatchEventKind Kind;
    /// <summary>The command that caused the event (a trigger's events carry the command whose price move triggered it).</summary>
    public BookCommandKind Command;
    public RejectReason Reason;

    public long OrderId;
    public long UserId;
    public long ClientOrderId;
    public OrderSide Side;
    public OrderType Type;
    public TimeInForce TimeInForce;
    /// <summary>Status of the subject order after this event.</summary>
    public OrderStatus Status;
    /// <summary>Trades: the trade price (maker's). Otherwise the order's limit price (0 for market types).</summary>
    public long Price;
    /// <summary>Trades: the traded quantity. Otherwise the order's total quantity.</summary>
    public long Quantity;
    /// <summary>Cumulative filled quantity of the subject order after this event.</summary>
    public long FilledQuantity;
    /// <summary>Trigger price of conditional orders.</summary>
    public long StopPrice;
    public bool ReduceOnly;
    public PositionAction PositionAction;
    public bool Liquidation;
    /// <summary>Amended: true when the order kept its place in the queue.</summary>
    public bool PriorityKept;

    /// <summary>Per-book trade sequence number (trades only).</summary>
    public long TradeSequence;
    public long MakerOrderId;
    public long MakerUserId;
    public long MakerClientOrderId;
    public long MakerFilledQuantity;
    public OrderStatus MakerStatus;
    public bool MakerReduceOnly;
    public PositionAction MakerPositionAction;
    /// <summary>Notional of the trade in money units (price * qty * multiplier).</summary>
    public long Notional;
    /// <summary>Maker fee in money units (negative = rebate).</summary>
    public long MakerFee;
    /// <summary>Taker fee in money units.</summary>
    public long TakerFee;

    /// <inheritdoc/>
    public override readonly string ToString() => Kind switch
    {
        MatchEventKind.Trade =>
            $"#{Sequence} Trade t{TradeSequence} taker {OrderId}/{UserId} {Side} maker {MakerOrderId}/{MakerUserId} {Quantity}@{Price} takerSt {Status} filled {FilledQuantity} makerSt {MakerStatus} filled {MakerFilledQuantity} fees m{MakerFee} t{TakerFee}",
        _ => $"#{Sequence} {Kind} {Command} order {OrderId}/{UserId} {Side} {Type} {TimeInForce} {Quantity}@{Price} stop {StopPrice} filled {FilledQuantity} {Status} reason {Reason}",
    };
}
