using Trading.Grains.Matching;
using Trading.Grains.Symbols;

namespace Trading.Grains.Exchange;

/// <summary>Checkpointed state of an <see cref="OrderBookGrain"/>.</summary>
public sealed class OrderBookGrainState
{
    /// <summary>Rules of the symbol; null until the registry configured it.</summary>
    public SymbolSpec? Spec { get; set; }
    public BookSnapshot? Book { get; set; }
    /// <summary>Net position in lots per user, from the book's own trades (perpetuals): who gets mark prices.</summary>
    public Dictionary<long, long> Holdings { get; set; } = new();
}
