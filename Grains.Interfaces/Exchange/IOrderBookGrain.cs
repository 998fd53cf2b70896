using Trading.Runtime.Grains;

namespace Trading.Grains.Interfaces.Exchange;

/// <summary>
/// One order book per symbol (key: the symbol). Input topic: <c>orders.commands</c>. It matches, emits every
/// command's events to <c>match-results</c> and each user's share of them to <c>positions.fills</c>, and
/// answers place/cancel/amend with an <see cref="OrderResult"/> when the sender waits.
/// </summary>
public interface IOrderBookGrain : IGrainWithStringKey;

/// <summary>
/// One account per user (key: the user id). Input topic: <c>orders.requests</c>, which also receives the
/// book's events for the user (forwarded from <c>positions.fills</c>). Pre-trade checks, margin reservations,
/// position locks, settlement, liquidation; position changes go to <c>positions</c>.
/// </summary>
public interface IPositionGrain : IGrainWithStringKey;

/// <summary>The symbol catalogue (single key <see cref="Key"/>): validated, persisted symbol rules.</summary>
public interface ISymbolRegistryGrain : IGrainWithStringKey
{
    public const string Key = "symbols";
}
