namespace Trading.Benchmarks.Mix50;

/// <summary>
/// Produces the mix50 command stream: draws from <see cref="SplitMix64"/> in exactly the order the
/// workload document lists, and applies each command to its own <see cref="ShadowBook"/> right
/// after generating it (so cancels hit resting orders and takers really cross).
/// </summary>
public sealed class Mix50Generator
{
    private readonly Mix50Parameters _p;
    private readonly ShadowBook _book = new();
    private SplitMix64 _rng;
    private long _mid;
    private long _nextId = 1;

    private Mix50Generator(Mix50Parameters parameters)
    {
        _p = parameters;
        _rng = new SplitMix64(parameters.Seed);
        _mid = parameters.InitialMid;
    }

    /// <summary>Generates the full stream (warm-up plus measured) for <paramref name="parameters"/>.</summary>
    public static Mix50Stream Generate(Mix50Parameters parameters) => new Mix50Generator(parameters).Run();

    /// <summary>Generates the stream for the document's default parameters.</summary>
    public static Mix50Stream Generate() => Generate(Mix50Parameters.Default);

    private Mix50Stream Run()
    {
        var commands = new Mix50Command[_p.Total];
        var trades = new TradeHashListener();
        var warmupMix = new Mix50MixStats();
        var measuredMix = new Mix50MixStats();
        long minPrice = long.MaxValue;
        long maxPrice = long.MinValue;

        for (int i = 0; i < commands.Length; i++)
        {
            Mix50Command command = Next(out Mix50Category category);
            commands[i] = command;
            if (command.Type is Mix50CommandType.Limit or Mix50CommandType.Ioc)
            {
                minPrice = Math.Min(minPrice, command.Price);
                maxPrice = Math.Max(maxPrice, command.Price);
            }

            long tradesBefore = trades.Trades;
            long qtyBefore = trades.TradedQty;
            _book.Apply(command, ref trades);

            bool measured = i >= _p.Warmup;
            Mix50MixStats mix = measured ? measuredMix : warmupMix;
            mix.Record(category, trades.Trades - tradesBefore, trades.TradedQty - qtyBefore);
            int indexInSegment = measured ? i - _p.Warmup : i;
            if (indexInSegment % 1_000 == 0)
            {
                // Sampled after the segment's commands 0, 1000, 2000, ...: this reproduces the
                // document's mean 976 / min 840 / max 1,043 (sampling before them gives min 839).
                mix.SampleResting(_book.RestingCount);
            }
        }

        var expected = new Mix50Outcome(
            trades.Trades, trades.TradedQty, trades.Hash, _book.RestingCount, _book.ComputeRestingChecksum().Value);
        return new Mix50Stream(
            _p, commands, expected, warmupMix, measuredMix, _book.BidLevels, _book.AskLevels, _mid,
            minPrice == long.MaxValue ? 0 : minPrice, maxPrice == long.MinValue ? 0 : maxPrice);
    }

    /// <summary>Generates one command (steps 1-6 of the document); the caller applies it (step 7).</summary>
    private Mix50Command Next(out Mix50Category category)
    {
        _mid = ComputeMid();
        int r = _rng.U(100);
        bool cancelDraw = r >= 60 && r < 90;
        if (cancelDraw && _book.RestingCount > 0)
        {
            category = Mix50Category.Cancel;
            return Mix50Command.Cancel(_book.RestingIdAt(_rng.U(_book.RestingCount)));
        }

        if (r < 50 || cancelDraw)
        {
            category = Mix50Category.PassiveGtc;
            return NextPassive();
        }

        if (r < 60)
        {
            return NextIocOrMarket(out category);
        }

        category = Mix50Category.CrossingGtc;
        return NextCrossing();
    }

    /// <summary>Step 1: mid from the book before the command.</summary>
    private long ComputeMid()
    {
        bool hasBid = _book.TryGetBestBid(out long bestBid);
        bool hasAsk = _book.TryGetBestAsk(out long bestAsk);
        if (hasBid && hasAsk)
        {
            return (bestBid + bestAsk) / 2; // prices are positive, so integer division is floor
        }

        if (hasBid)
        {
            return bestBid + 1;
        }

        return hasAsk ? bestAsk - 1 : _mid;
    }

    /// <summary>Step 4: passive GTC limit, 1..50 ticks away from mid, bell-shaped.</summary>
    private Mix50Command NextPassive()
    {
        bool isBuy = _rng.U(2) == 0;
        int s = _rng.U(26) + _rng.U(26) + _rng.U(26) + _rng.U(26);
        int d = Math.Max(1, Math.Abs(s - 50));
        long price = isBuy ? _mid - d : _mid + d;
        long qty = 1 + _rng.U(_p.PassiveMaxQty);
        int uid = 1 + _rng.U(_p.Users);
        return Mix50Command.Limit(_nextId++, isBuy, price, qty, uid);
    }

    /// <summary>Step 5: IOC or market taker.</summary>
    private Mix50Command NextIocOrMarket(out Mix50Category category)
    {
        bool isBuy = _rng.U(2) == 0;
        bool market = _rng.U(2) == 1;
        int k = _rng.U(10); // drawn even for market orders
        long qty = NextTakerQty(isBuy);
        int uid = 1 + _rng.U(_p.Users);
        long id = _nextId++;
        if (market)
        {
            category = Mix50Category.Market;
            return Mix50Command.Market(id, isBuy, qty, uid);
        }

        category = Mix50Category.Ioc;
        return Mix50Command.Ioc(id, isBuy, TakerPrice(isBuy, k), qty, uid);
    }

    /// <summary>Step 6: crossing GTC limit whose remainder rests.</summary>
    private Mix50Command NextCrossing()
    {
        bool isBuy = _rng.U(2) == 0;
        int k = _rng.U(5);
        long qty = NextTakerQty(isBuy);
        int uid = 1 + _rng.U(_p.Users);
        return Mix50Command.Limit(_nextId++, isBuy, TakerPrice(isBuy, k), qty, uid);
    }

    /// <summary>The qty controller: larger takers when the side they hit holds more than TARGET_PER_SIDE orders.</summary>
    private long NextTakerQty(bool isBuy)
    {
        int opposite = isBuy ? _book.AskOrders : _book.BidOrders;
        return 1 + _rng.U(opposite > _p.TargetPerSide ? _p.TakerLarge : _p.TakerSmall);
    }

    /// <summary>Taker limit price: best opposite price (or mid when that side is empty) moved k ticks through it.</summary>
    private long TakerPrice(bool isBuy, int k)
    {
        if (isBuy)
        {
            return (_book.TryGetBestAsk(out long bestAsk) ? bestAsk : _mid) + k;
        }

        return (_book.TryGetBestBid(out long bestBid) ? bestBid : _mid) - k;
    }
}
