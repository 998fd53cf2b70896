using Trading.Grains.Margin;
using Trading.Grains.Symbols;

namespace Trading.Tests.Margin;

/// <summary>Symbol specs and unit helpers shared by the margin tests.</summary>
internal static class TestSpecs
{
    /// <summary>Binance BTCUSDT-like brackets (USDT): (0,50k] 125x 0.4% cum 0; (50k,250k] 100x 0.5% cum 50; (250k,1M] 50x 1% cum 1300; (1M,10M] 20x 2.5% cum 16300; (10M,20M] 10x 5% cum 266300.</summary>
    public static readonly MaintenanceBracket[] Brackets =
    [
        new(0, U(50_000), 125, 4_000, 0),
        new(U(50_000), U(250_000), 100, 5_000, U(50)),
        new(U(250_000), U(1_000_000), 50, 10_000, U(1_300)),
        new(U(1_000_000), U(10_000_000), 20, 25_000, U(16_300)),
        new(U(10_000_000), U(20_000_000), 10, 50_000, U(266_300)),
    ];

    /// <summary>BTCUSDT perpetual: tick 0.1, step 0.001 (multiplier 10,000 units per tick*lot), maker 0.02%, taker 0.04%.</summary>
    public static readonly SymbolSpec Btc = new()
    {
        Symbol = "BTCUSDT", BaseAsset = "BTC", QuoteAsset = "USDT", TickSize = 0.1m, StepSize = 0.001m,
        MinQtyLots = 1, MaxQtyLots = 1_000_000, MinNotional = U(5), MakerFeePpm = 200, TakerFeePpm = 400,
        MaxLeverage = 125, Brackets = Brackets,
    };

    /// <summary>Same as <see cref="Btc"/> without fees.</summary>
    public static readonly SymbolSpec BtcNoFee = Btc with { MakerFeePpm = 0, TakerFeePpm = 0 };

    /// <summary>ETHUSDT perpetual without fees: tick 0.01, step 0.001 (multiplier 1,000).</summary>
    public static readonly SymbolSpec EthNoFee = Btc with { Symbol = "ETHUSDT", BaseAsset = "ETH", TickSize = 0.01m, MakerFeePpm = 0, TakerFeePpm = 0 };

    /// <summary>BTCUSDT spot: tick 0.01, step 0.00001 (multiplier 10; 1,000 BTC units per lot), fees 0.1%.</summary>
    public static readonly SymbolSpec BtcSpot = new()
    {
        Symbol = "BTCUSDT-SPOT", BaseAsset = "BTC", QuoteAsset = "USDT", Kind = ContractKind.Spot, TickSize = 0.01m, StepSize = 0.00001m,
        MinQtyLots = 1, MaxQtyLots = 100_000_000, MinNotional = U(5), MakerFeePpm = 1_000, TakerFeePpm = 1_000, MaxLeverage = 1,
    };

    public static SymbolSpec Lookup(string symbol) => symbol switch
    {
        "BTCUSDT" => Btc,
        "ETHUSDT" => EthNoFee,
        "BTCUSDT-SPOT" => BtcSpot,
        _ => throw new KeyNotFoundException(symbol),
    };

    /// <summary>Money units of an amount of USDT (or any asset).</summary>
    public static long U(decimal amount) => Money.FromDecimal(amount);

    /// <summary>Price in ticks of a spec.</summary>
    public static long P(this SymbolSpec spec, decimal price) => spec.PriceToTicks(price);

    /// <summary>Quantity in lots of a spec.</summary>
    public static long L(this SymbolSpec spec, decimal qty) => spec.QuantityToLots(qty);

    public static Account Funded(decimal usdt, long userId = 1)
    {
        var a = new Account(userId);
        Assert.Equal(RejectReason.None, a.Deposit("USDT", U(usdt), 1));
        return a;
    }

    public static OrderCheckResult Place(this Account a, SymbolSpec spec, long id, TradeSide side, decimal price, decimal qty,
        OrderIntent intent = OrderIntent.Open, long time = 10) =>
        a.TryPlaceOrder(spec, new OrderRequest(id, side, intent, spec.P(price), spec.L(qty), time));

    /// <summary>Fills an order with the fee the book would charge (Fees.Compute at the maker or taker rate).</summary>
    public static FillSettlement Fill(this Account a, SymbolSpec spec, long id, TradeSide side, decimal price, decimal qty,
        bool maker = false, long time = 20)
    {
        var ticks = spec.P(price);
        var lots = spec.L(qty);
        var fee = Fees.Compute(spec.Notional(ticks, lots), maker ? spec.MakerFeePpm : spec.TakerFeePpm);
        return a.SettleFill(spec, new AccountFill(id, spec.Symbol, side, ticks, lots, fee, maker, time));
    }
}
