using Trading.Grains.Matching;
using Trading.Grains.Symbols;

namespace Trading.Client.Api.Exchange;

/// <summary>A new order that passed every check the gateway can make, in ticks and lots of its symbol.</summary>
public sealed record OrderDraft
{
    public required SymbolSpec Spec { get; init; }
    public required OrderSide Side { get; init; }
    public required OrderType Type { get; init; }
    public TimeInForce TimeInForce { get; init; }
    public long Price { get; init; }
    public long StopPrice { get; init; }
    public required long Quantity { get; init; }
    public bool ReduceOnly { get; init; }
    public PositionAction PositionAction { get; init; }
    public WorkingType WorkingType { get; init; }
    public SelfTradePrevention SelfTradePrevention { get; init; }
    public string? ClientOrderId { get; init; }
}
