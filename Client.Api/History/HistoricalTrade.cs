using Trading.Grains.Matching;

namespace Trading.Client.Api.History;

/// <summary>One trade as the trades table holds it: prices in ticks, quantities in lots, money in 1e-8 quote units.</summary>
public sealed record HistoricalTrade(string Symbol, long TradeId, long Time, long Price, long Quantity, long Notional,
    OrderSide TakerSide, long TakerOrderId, long TakerUserId, long MakerOrderId, long MakerUserId, long TakerFee, long MakerFee,
    bool Liquidation);

/// <summary>The latest trade of a symbol: its price in ticks, when, and its trade id.</summary>
public sealed record LatestTrade(string Symbol, long Price, long Time, long TradeId);
