using Trading.Grains.Matching;

namespace Trading.Grains.Interfaces.ReadSide;

/// <summary>A trade as the public sees it: price in ticks, quantity in lots, notional in 1e-8 of the quote asset.</summary>
public sealed record PublicTrade(string Symbol, long TradeSequence, long Price, long Quantity, long Notional, OrderSide TakerSide, long Timestamp);

/// <summary>The latest trade price of a symbol and where the reader found it (cache, history or book).</summary>
public sealed record LatestPrice(string Symbol, long Price, long Timestamp);
