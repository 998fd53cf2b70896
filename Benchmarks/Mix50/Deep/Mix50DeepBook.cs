namespace Trading.Benchmarks.Mix50;

/// <summary>
/// The deep-book pre-fill: passive GTC limits, alternating buy/sell, spread uniformly over
/// <c>levelsPerSide</c> contiguous price levels per side that lie <see cref="Gap"/> ticks outside
/// the stream's whole price range (bids below its lowest price, asks above its highest), so the
/// fill never crosses itself or the stream's limit and IOC orders. Only a market order meeting an
/// empty stream side can reach it; the shadow book's replay of fill plus stream defines the expected
/// outcome either way. Ids follow the stream's highest id; qty = 1 + U(100), uid = 1 + U(1000),
/// level = U(levelsPerSide), drawn in that order from SplitMix64 seeded with <see cref="Seed"/>.
/// </summary>
public static class Mix50DeepBook
{
    /// <summary>Ticks between the stream's price range and the nearest deep level.</summary>
    public const long Gap = 100;

    /// <summary>SplitMix64 seed of the fill.</summary>
    public const ulong Seed = 0xDEE9B00C;

    /// <summary>Builds the fill commands for <paramref name="stream"/>.</summary>
    public static Mix50Command[] Build(Mix50Stream stream, int orders, int levelsPerSide)
    {
        long lowestBid = stream.MinPrice - Gap - (levelsPerSide - 1);
        if (lowestBid <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(levelsPerSide), "deep bid levels would reach price <= 0");
        }

        var rng = new SplitMix64(Seed);
        var fill = new Mix50Command[orders];
        long id = stream.MaxOrderId + 1;
        for (int i = 0; i < orders; i++)
        {
            bool isBuy = i % 2 == 0;
            long qty = 1 + rng.U(100);
            int uid = 1 + rng.U(1_000);
            int level = rng.U(levelsPerSide);
            long price = isBuy ? stream.MinPrice - Gap - level : stream.MaxPrice + Gap + level;
            fill[i] = Mix50Command.Limit(id++, isBuy, price, qty, uid);
        }

        return fill;
    }

    /// <summary>
    /// Replays fill, warm-up and measured segment on a <see cref="ShadowBook"/>: the outcome over
    /// everything, and the trades and traded quantity of the measured segment that a deep engine must match.
    /// </summary>
    public static (Mix50Outcome Outcome, long MeasuredTrades, long MeasuredQty) Expect(Mix50Stream stream, Mix50Command[] fill)
    {
        var book = new ShadowBook();
        var listener = new TradeHashListener();
        foreach (Mix50Command c in fill)
        {
            book.Apply(c, ref listener);
        }

        foreach (Mix50Command c in stream.Warmup)
        {
            book.Apply(c, ref listener);
        }

        long tradesBefore = listener.Trades;
        long qtyBefore = listener.TradedQty;
        foreach (Mix50Command c in stream.Measured)
        {
            book.Apply(c, ref listener);
        }

        var outcome = new Mix50Outcome(
            listener.Trades, listener.TradedQty, listener.Hash, book.RestingCount, book.ComputeRestingChecksum().Value);
        return (outcome, listener.Trades - tradesBefore, listener.TradedQty - qtyBefore);
    }
}
