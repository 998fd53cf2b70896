using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Margin;
using Trading.Grains.Symbols;

namespace Trading.Grains.Exchange;

/// <summary>Checkpointed state of a <see cref="PositionGrain"/>.</summary>
public sealed class PositionGrainState
{
    public AccountSnapshot? Account { get; set; }
    /// <summary>Rules of every symbol the user touched (from their orders and settings).</summary>
    public Dictionary<string, SymbolSpec> Specs { get; set; } = new(StringComparer.Ordinal);
    public List<OrderView> OpenOrders { get; set; } = new();
    /// <summary>The most recent finished orders, oldest first (bounded).</summary>
    public List<OrderView> ClosedOrders { get; set; } = new();
    /// <summary>The most recent fills, oldest first (bounded).</summary>
    public List<TradeView> Trades { get; set; } = new();

    /// <summary>
    /// The journal's encoded <see cref="ClosedOrders"/> and <see cref="Trades"/> as of its last copy into them (not part
    /// of the state: the codec writes these bytes instead of encoding the lists again while they still match).
    /// </summary>
    internal JournalEncoding? Encoding { get; set; }
}
