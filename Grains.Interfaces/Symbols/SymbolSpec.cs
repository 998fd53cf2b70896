namespace Trading.Grains.Symbols;

/// <summary>
/// Trading rules of one symbol. Inside the engine prices are integer ticks and quantities integer lots:
/// price = ticks * <see cref="TickSize"/>, quantity = lots * <see cref="StepSize"/>. The notional of
/// (priceTicks, qtyLots) in money units (<see cref="Money.Scale"/>) is priceTicks * qtyLots *
/// <see cref="NotionalMultiplier"/>, an exact integer by construction (validated).
/// </summary>
public sealed record SymbolSpec
{
    public required string Symbol { get; init; }
    public required string BaseAsset { get; init; }
    /// <summary>The quote asset, which is also the margin asset of a USDT-margined perpetual.</summary>
    public required string QuoteAsset { get; init; }
    public ContractKind Kind { get; init; } = ContractKind.UsdtPerpetual;

    public required decimal TickSize { get; init { field = value; _derived = new(); } }
    public required decimal StepSize { get; init { field = value; _derived = new(); } }
    public required long MinQtyLots { get; init; }
    public required long MaxQtyLots { get; init; }
    /// <summary>Minimum order notional in money units.</summary>
    public long MinNotional { get; init; }

    /// <summary>Limit prices must lie within this many parts per million of the reference (mark, else last) price; 0 disables.</summary>
    public long PriceBandPpm { get; init; }
    /// <summary>Default protection bound of MARKET orders, in ticks from the best price; 0 = unbounded.</summary>
    public long MarketProtectionTicks { get; init; }

    /// <summary>Maker fee rate in ppm; may be negative (rebate).</summary>
    public long MakerFeePpm { get; init; }
    public long TakerFeePpm { get; init; }

    public int MaxLeverage { get; init; } = 1;
    /// <summary>Maintenance brackets ordered by notional, contiguous from 0 up.</summary>
    public IReadOnlyList<MaintenanceBracket> Brackets { get; init; } = [];

    /// <summary>Money units per (tick * lot): TickSize * StepSize * Money.Scale.</summary>
    /// <remarks>
    /// Computed once per instance: every notional in the pre-trade check and the matching uses it, and decimal
    /// multiplication is slow. <c>with</c> copies the cache holder, so setting either size replaces it.
    /// </remarks>
    public long NotionalMultiplier
    {
        get
        {
            var cached = _derived.NotionalMultiplier;
            if (cached != 0) return cached;
            return _derived.NotionalMultiplier = checked((long)(TickSize * StepSize * Money.Scale));
        }
    }

    private readonly DerivedValues _derived = new();

    /// <summary>Values computed from the sizes; equal to any other holder, so record equality stays by value.</summary>
    private sealed class DerivedValues
    {
        public long NotionalMultiplier;
        public override bool Equals(object? obj) => obj is DerivedValues;
        public override int GetHashCode() => 0;
    }

    /// <summary>Notional in money units of qtyLots at priceTicks.</summary>
    public long Notional(long priceTicks, long qtyLots) => checked(priceTicks * qtyLots * NotionalMultiplier);

    public long PriceToTicks(decimal price) => ToUnits(price, TickSize, nameof(price));
    public long QuantityToLots(decimal quantity) => ToUnits(quantity, StepSize, nameof(quantity));
    public decimal TicksToPrice(long ticks) => ticks * TickSize;
    public decimal LotsToQuantity(long lots) => lots * StepSize;

    /// <summary>Returns every rule this spec breaks; empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Symbol)) problems.Add("symbol: required");
        if (TickSize <= 0) problems.Add("tickSize: must be > 0");
        if (StepSize <= 0) problems.Add("stepSize: must be > 0");
        if (TickSize > 0 && StepSize > 0)
        {
            var m = TickSize * StepSize * Money.Scale;
            if (m < 1 || m != decimal.Truncate(m))
                problems.Add("tickSize*stepSize: must be a whole multiple of 1e-8");
        }
        if (MinQtyLots < 1) problems.Add("minQty: must be at least one step");
        if (MaxQtyLots < MinQtyLots) problems.Add("maxQty: must be >= minQty");
        if (MinNotional < 0) problems.Add("minNotional: must be >= 0");
        if (PriceBandPpm < 0) problems.Add("priceBand: must be >= 0");
        if (MarketProtectionTicks < 0) problems.Add("marketProtection: must be >= 0");
        if (TakerFeePpm < 0) problems.Add("takerFee: must be >= 0");
        if (MakerFeePpm < -TakerFeePpm) problems.Add("makerFee: a rebate may not exceed the taker fee");
        if (MaxLeverage < 1) problems.Add("maxLeverage: must be >= 1");
        if (Kind == ContractKind.UsdtPerpetual)
        {
            if (Brackets.Count == 0) problems.Add("brackets: a perpetual needs at least one maintenance bracket");
            long floor = 0;
            for (var i = 0; i < Brackets.Count; i++)
            {
                var b = Brackets[i];
                if (b.NotionalFloor != floor) problems.Add($"brackets[{i}].notionalFloor: must equal the previous cap ({floor})");
                if (b.NotionalCap <= b.NotionalFloor) problems.Add($"brackets[{i}].notionalCap: must be above the floor");
                if (b.MaxLeverage < 1) problems.Add($"brackets[{i}].maxLeverage: must be >= 1");
                if (b.MaintenanceMarginRatePpm is <= 0 or >= Money.PpmScale) problems.Add($"brackets[{i}].maintenanceMarginRate: must be in (0, 1)");
                floor = b.NotionalCap;
            }
        }
        return problems;
    }

    private static long ToUnits(decimal value, decimal unit, string name)
    {
        var units = value / unit;
        if (units != decimal.Truncate(units))
            throw new ArgumentException($"{value} is not a multiple of {unit}.", name);
        return checked((long)units);
    }
}
