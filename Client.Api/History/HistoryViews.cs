using Trading.Client.Api.Exchange;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.MarketData;
using Trading.Grains.Symbols;

namespace Trading.Client.Api.History;

/// <summary>A candle as the API shows it: decimal strings, times in epoch ms (close time = next open - 1).</summary>
public sealed record KlineResponse(long OpenTime, string Open, string High, string Low, string Close, string Volume, long CloseTime,
    string QuoteVolume, long Trades);

/// <summary>One of the caller's trades from the history, from the caller's side.</summary>
public sealed record HistoryTradeResponse(long Id, string Symbol, long OrderId, string Side, string Price, string Qty, string QuoteQty,
    string Commission, string CommissionAsset, bool Maker, bool Liquidation, long Time);

public static class HistoryViews
{
    public static KlineResponse Kline(SymbolSpec spec, KlineInterval interval, Kline k) => new(k.OpenTime, ApiViews.Price(spec, k.Open),
        ApiViews.Price(spec, k.High), ApiViews.Price(spec, k.Low), ApiViews.Price(spec, k.Close), ApiViews.Qty(spec, k.Volume),
        k.OpenTime + interval.Milliseconds - 1, ApiViews.Money(k.QuoteVolume), k.Trades);

    /// <summary>The trade from <paramref name="userId"/>'s side: taker when the user took (also in a self-trade), else maker.</summary>
    public static HistoryTradeResponse Trade(SymbolSpec spec, long userId, HistoricalTrade t)
    {
        var maker = t.TakerUserId != userId;
        var side = maker ? (t.TakerSide == Grains.Matching.OrderSide.Buy ? Grains.Matching.OrderSide.Sell : Grains.Matching.OrderSide.Buy) : t.TakerSide;
        return new HistoryTradeResponse(t.TradeId, t.Symbol, maker ? t.MakerOrderId : t.TakerOrderId, ApiEnums.Name(side),
            ApiViews.Price(spec, t.Price), ApiViews.Qty(spec, t.Quantity), ApiViews.Money(t.Notional),
            ApiViews.Money(maker ? t.MakerFee : t.TakerFee), spec.QuoteAsset, maker, t.Liquidation && !maker, t.Time);
    }
}
