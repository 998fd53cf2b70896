using Trading.Grains.Matching;
using Trading.Grains.Symbols;

namespace Trading.Grains.Interfaces.Exchange;

/// <summary>An admitted order, from the account to the book.</summary>
public sealed record BookPlace
{
    public required long OrderId { get; init; }
    public required long UserId { get; init; }
    public long ClientOrderId { get; init; }
    public required OrderSide Side { get; init; }
    public required OrderType Type { get; init; }
    public TimeInForce TimeInForce { get; init; }
    public long Price { get; init; }
    public long StopPrice { get; init; }
    public required long Quantity { get; init; }
    public long ProtectionTicks { get; init; } = -1;
    public WorkingType WorkingType { get; init; }
    public SelfTradePrevention SelfTradePrevention { get; init; }
    public bool ReduceOnly { get; init; }
    public PositionAction PositionAction { get; init; }
    public bool Liquidation { get; init; }
}

/// <summary>Cancel an order; <see cref="Administrative"/> skips the ownership check (risk engine).</summary>
public sealed record BookCancel(long OrderId, long UserId, long ClientOrderId = 0, bool Administrative = false);

public sealed record BookCancelAll(long UserId);

public sealed record BookAmend(long OrderId, long UserId, long NewPrice, long NewQuantity);

/// <summary>A new mark price (admin endpoint now, the market-data feed later).</summary>
public sealed record SetMarkPrice(long MarkPrice);

/// <summary>Create or update the symbol's rules on its book (from the symbol registry).</summary>
public sealed record ConfigureSymbol(SymbolSpec Spec);

/// <summary>Ask the top <see cref="Levels"/> levels of each side.</summary>
public sealed record GetBookDepth(int Levels);

public sealed record BookDepth(string Symbol, long Sequence, long Timestamp, IReadOnlyList<DepthEntry> Bids, IReadOnlyList<DepthEntry> Asks);

public sealed record DepthEntry(long Price, long Quantity, int Orders);

public sealed record GetTicker;

/// <summary>Market statistics of a book; prices in ticks, volume in lots, quote volume in 1e-8 units.</summary>
public sealed record Ticker(string Symbol, bool Configured, long LastPrice, long MarkPrice, long BestBid, long BestAsk,
    long HighPrice, long LowPrice, long Volume, long QuoteVolume, long TradeCount, long Sequence, long Timestamp);
