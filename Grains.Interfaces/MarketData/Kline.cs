namespace Trading.Grains.MarketData;

/// <summary>
/// One candle of a symbol. Prices are ticks, <see cref="Volume"/> lots, <see cref="QuoteVolume"/> 1e-8 units of
/// the quote asset (the sum of the trades' notionals). Open and close are the first and last trade in the order
/// the trades were added (trade sequence order).
/// </summary>
public sealed record Kline(string Interval, long OpenTime, long Open, long High, long Low, long Close, long Volume,
    long QuoteVolume, long Trades)
{
    /// <summary>The candle after <paramref name="priceTicks"/> x <paramref name="qtyLots"/> traded in it.</summary>
    public Kline With(long priceTicks, long qtyLots, long quoteNotional) => this with
    {
        High = Math.Max(High, priceTicks),
        Low = Math.Min(Low, priceTicks),
        Close = priceTicks,
        Volume = checked(Volume + qtyLots),
        QuoteVolume = checked(QuoteVolume + quoteNotional),
        Trades = Trades + 1,
    };

    public static Kline First(KlineInterval interval, long openTime, long priceTicks, long qtyLots, long quoteNotional) =>
        new(interval.Name, openTime, priceTicks, priceTicks, priceTicks, priceTicks, qtyLots, quoteNotional, 1);
}
