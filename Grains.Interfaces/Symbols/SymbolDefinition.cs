namespace Trading.Grains.Symbols;

/// <summary>
/// A symbol's rules as people write them (decimal prices, quantities and rates): the body of the admin
/// symbol endpoints and of the <c>Exchange:Symbols</c> configuration. <see cref="ToSpec"/> turns it into the
/// engine's integer <see cref="SymbolSpec"/>, naming every field it cannot accept.
/// </summary>
public sealed record SymbolDefinition
{
    public string? Symbol { get; init; }
    public string? BaseAsset { get; init; }
    public string? QuoteAsset { get; init; }
    /// <summary>PERPETUAL (USDT-margined) or SPOT.</summary>
    public string? Kind { get; init; } = "PERPETUAL";
    public decimal TickSize { get; init; }
    public decimal StepSize { get; init; }
    public decimal MinQty { get; init; }
    public decimal MaxQty { get; init; }
    public decimal MinNotional { get; init; }
    /// <summary>Limit prices within this fraction of the reference price (0.05 = 5 %); 0 disables.</summary>
    public decimal PriceBand { get; init; }
    public long MarketProtectionTicks { get; init; }
    /// <summary>Fee rates as fractions: 0.0002 = 2 bp; a negative maker fee is a rebate.</summary>
    public decimal MakerFee { get; init; }
    public decimal TakerFee { get; init; }
    public int MaxLeverage { get; init; } = 1;
    public IReadOnlyList<BracketDefinition>? Brackets { get; init; }

    /// <summary>The engine's spec, or null with the problems ("field: message").</summary>
    public SymbolSpec? ToSpec(out IReadOnlyList<string> problems)
    {
        var list = new List<string>();
        if (string.IsNullOrWhiteSpace(Symbol) || Symbol.Length > 20 || !Symbol.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
            list.Add("symbol: 1-20 upper-case letters or digits");
        if (string.IsNullOrWhiteSpace(BaseAsset) || BaseAsset.Length > 10) list.Add("baseAsset: required, at most 10 characters");
        if (string.IsNullOrWhiteSpace(QuoteAsset) || QuoteAsset.Length > 10) list.Add("quoteAsset: required, at most 10 characters");
        ContractKind kind = ContractKind.UsdtPerpetual;
        if (Kind == "SPOT") kind = ContractKind.Spot;
        else if (Kind is not null && Kind != "PERPETUAL") list.Add("kind: PERPETUAL or SPOT");
        if (TickSize <= 0) list.Add("tickSize: must be > 0");
        if (StepSize <= 0) list.Add("stepSize: must be > 0");
        long minLots = 0, maxLots = 0;
        if (StepSize > 0)
        {
            minLots = Lots(MinQty, "minQty", list);
            maxLots = Lots(MaxQty, "maxQty", list);
        }
        long minNotional = Units(MinNotional, "minNotional", list);
        var band = Ppm(PriceBand, "priceBand", list);
        var maker = Ppm(MakerFee, "makerFee", list);
        var taker = Ppm(TakerFee, "takerFee", list);
        var brackets = new List<MaintenanceBracket>();
        for (var i = 0; i < (Brackets?.Count ?? 0); i++)
        {
            var b = Brackets![i];
            brackets.Add(new MaintenanceBracket(Units(b.NotionalFloor, $"brackets[{i}].notionalFloor", list),
                Units(b.NotionalCap, $"brackets[{i}].notionalCap", list), b.MaxLeverage,
                Ppm(b.MaintenanceMarginRate, $"brackets[{i}].maintenanceMarginRate", list),
                Units(b.MaintenanceAmount, $"brackets[{i}].maintenanceAmount", list)));
        }
        if (list.Count > 0)
        {
            problems = list;
            return null;
        }
        var spec = new SymbolSpec
        {
            Symbol = Symbol!, BaseAsset = BaseAsset!, QuoteAsset = QuoteAsset!, Kind = kind, TickSize = TickSize, StepSize = StepSize,
            MinQtyLots = minLots, MaxQtyLots = maxLots, MinNotional = minNotional, PriceBandPpm = band,
            MarketProtectionTicks = MarketProtectionTicks, MakerFeePpm = maker, TakerFeePpm = taker, MaxLeverage = MaxLeverage,
            Brackets = brackets,
        };
        problems = spec.Validate();
        return problems.Count == 0 ? spec : null;

        long Lots(decimal qty, string field, List<string> errors)
        {
            var lots = qty / StepSize;
            if (lots != decimal.Truncate(lots) || lots > long.MaxValue / 2) { errors.Add($"{field}: must be a multiple of stepSize {StepSize}"); return 0; }
            return (long)lots;
        }
    }

    /// <summary>The definition of an existing spec (for listings).</summary>
    public static SymbolDefinition From(SymbolSpec s) => new()
    {
        Symbol = s.Symbol, BaseAsset = s.BaseAsset, QuoteAsset = s.QuoteAsset, Kind = s.Kind == ContractKind.Spot ? "SPOT" : "PERPETUAL",
        TickSize = s.TickSize, StepSize = s.StepSize, MinQty = s.LotsToQuantity(s.MinQtyLots), MaxQty = s.LotsToQuantity(s.MaxQtyLots),
        MinNotional = Money.ToDecimal(s.MinNotional), PriceBand = (decimal)s.PriceBandPpm / Money.PpmScale,
        MarketProtectionTicks = s.MarketProtectionTicks, MakerFee = (decimal)s.MakerFeePpm / Money.PpmScale,
        TakerFee = (decimal)s.TakerFeePpm / Money.PpmScale, MaxLeverage = s.MaxLeverage,
        Brackets = [.. s.Brackets.Select(b => new BracketDefinition
        {
            NotionalFloor = Money.ToDecimal(b.NotionalFloor), NotionalCap = Money.ToDecimal(b.NotionalCap), MaxLeverage = b.MaxLeverage,
            MaintenanceMarginRate = (decimal)b.MaintenanceMarginRatePpm / Money.PpmScale, MaintenanceAmount = Money.ToDecimal(b.MaintenanceAmount),
        })],
    };

    private static long Units(decimal amount, string field, List<string> errors)
    {
        var scaled = amount * Money.Scale;
        if (scaled != decimal.Truncate(scaled) || Math.Abs(scaled) > long.MaxValue / 4) { errors.Add($"{field}: at most 8 decimal places"); return 0; }
        return (long)scaled;
    }

    private static long Ppm(decimal rate, string field, List<string> errors)
    {
        var ppm = rate * Money.PpmScale;
        if (ppm != decimal.Truncate(ppm) || Math.Abs(ppm) > Money.PpmScale) { errors.Add($"{field}: a fraction in [-1, 1] with at most 6 decimal places"); return 0; }
        return (long)ppm;
    }
}

/// <summary>One maintenance-margin bracket, as exchanges publish them.</summary>
public sealed record BracketDefinition
{
    public decimal NotionalFloor { get; init; }
    public decimal NotionalCap { get; init; }
    public int MaxLeverage { get; init; }
    public decimal MaintenanceMarginRate { get; init; }
    /// <summary>The maintenance amount ("cum").</summary>
    public decimal MaintenanceAmount { get; init; }
}
