using Trading.Grains.Matching;

namespace Trading.Grains.Interfaces.Exchange;

/// <summary>
/// One event of an order book, as it travels on <c>match-results</c> and <c>positions.fills</c>. Prices are
/// ticks and quantities lots of the symbol; money (notional, fees) is in units of 1e-8 of the quote asset.
/// For trades the subject order is the taker and the Maker* fields describe the resting side.
/// </summary>
public sealed record BookEvent
{
    public long Sequence { get; init; }
    public long Timestamp { get; init; }
    public MatchEventKind Kind { get; init; }
    /// <summary>The command that caused the event (a rejected amend or cancel leaves its order as it was).</summary>
    public BookCommandKind Command { get; init; }
    /// <summary>Rejection or early-end reason code (SCREAMING_SNAKE), null when none.</summary>
    public string? Reason { get; init; }
    public long OrderId { get; init; }
    public long UserId { get; init; }
    public long ClientOrderId { get; init; }
    public OrderSide Side { get; init; }
    public OrderType Type { get; init; }
    public TimeInForce TimeInForce { get; init; }
    public OrderStatus Status { get; init; }
    public long Price { get; init; }
    public long Quantity { get; init; }
    public long FilledQuantity { get; init; }
    public long StopPrice { get; init; }
    public bool ReduceOnly { get; init; }
    public PositionAction PositionAction { get; init; }
    public bool Liquidation { get; init; }
    public bool PriorityKept { get; init; }
    public long TradeSequence { get; init; }
    public long MakerOrderId { get; init; }
    public long MakerUserId { get; init; }
    public long MakerClientOrderId { get; init; }
    public long MakerFilledQuantity { get; init; }
    public OrderStatus MakerStatus { get; init; }
    public long Notional { get; init; }
    public long MakerFee { get; init; }
    public long TakerFee { get; init; }
}

/// <summary>Every event one book command caused, in order: the record on <c>match-results</c> (key: symbol).</summary>
public sealed record MatchResult(string Symbol, IReadOnlyList<BookEvent> Events);

/// <summary>One user's share of a book command's events: the record on <c>positions.fills</c> (key: user id).</summary>
public sealed record UserBookEvents(string Symbol, long UserId, IReadOnlyList<BookEvent> Events);

/// <summary>A new mark price of a symbol, sent by the book to every user holding a position in it.</summary>
public sealed record MarkPriceUpdate(string Symbol, long MarkPrice, long Timestamp);
