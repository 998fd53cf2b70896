using Trading.Grains.Margin;
using Trading.Grains.Matching;
using Trading.Grains.Symbols;

namespace Trading.Grains.Interfaces.Exchange;

/// <summary>
/// A user's new order, validated by the gateway, to the user's <see cref="IPositionGrain"/>. The gateway
/// assigns <see cref="OrderId"/> (unique, &gt; 0) and sends the symbol's rules it validated against, plus
/// <see cref="WorstPrice"/>: the highest price the order can trade at (buy) or the price its margin is
/// reserved at (sell), from the gateway's view of the book.
/// </summary>
public sealed record SubmitOrder
{
    public required long OrderId { get; init; }
    public required SymbolSpec Spec { get; init; }
    public required OrderSide Side { get; init; }
    public required OrderType Type { get; init; }
    public TimeInForce TimeInForce { get; init; }
    public long Price { get; init; }
    public long StopPrice { get; init; }
    public required long Quantity { get; init; }
    public required long WorstPrice { get; init; }
    public bool ReduceOnly { get; init; }
    public PositionAction PositionAction { get; init; }
    public WorkingType WorkingType { get; init; }
    public SelfTradePrevention SelfTradePrevention { get; init; }
    /// <summary>MARKET protection in ticks; -1 = the symbol's default.</summary>
    public long ProtectionTicks { get; init; } = -1;
    /// <summary>64-bit hash of <see cref="ClientOrderIdText"/>; 0 = none.</summary>
    public long ClientOrderId { get; init; }
    public string? ClientOrderIdText { get; init; }
}

/// <summary>Cancel one of the user's open orders, by id (or by client order id on a symbol).</summary>
public sealed record CancelOrderRequest(long OrderId, string? Symbol = null, long ClientOrderId = 0);

/// <summary>Cancel all of the user's open orders on a symbol.</summary>
public sealed record CancelAllRequest(string Symbol);

/// <summary>Amend a resting order: new price in ticks (0 keeps), new total quantity in lots (0 keeps).</summary>
public sealed record AmendOrderRequest(long OrderId, long NewPrice, long NewQuantity);

/// <summary>Credit the user's wallet (admin; a faucet in the demo). Amount in 1e-8 units.</summary>
public sealed record Deposit(string Asset, long Amount);

/// <summary>Set the leverage of the user's position on a symbol.</summary>
public sealed record SetLeverage(SymbolSpec Spec, int Leverage);

/// <summary>Set isolated or cross margin for the user's position on a symbol.</summary>
public sealed record SetMarginMode(SymbolSpec Spec, PositionMode Mode);

/// <summary>
/// The answer to a place, cancel or amend: from the book when the command reached it, from the account
/// when the pre-trade check refused it. <see cref="Events"/> are the book's events of the command.
/// </summary>
public sealed record OrderResult(long OrderId, string Symbol, OrderStatus Status, string? Reason, long FilledQuantity,
    IReadOnlyList<BookEvent> Events);

/// <summary>Outcome of an account command: accepted, or refused with a reason code.</summary>
public sealed record CommandResult(bool Accepted, string? Reason);
