using System.Text.Json.Serialization;
using Trading.Grains.Symbols;

namespace Trading.Grains.Interfaces.Snapshots;

/// <summary>
/// A symbol's rules in <see cref="MatchEngineSnapshot.SymbolSnapshots"/>, in the units people write them (the
/// <see cref="SymbolDefinition"/> of the spec); <see cref="RiskLimitConfig"/> is the maintenance bracket table
/// (Binance's leverage brackets).
/// </summary>
public sealed record SymbolRecord
{
    public string Symbol { get; init; } = "";
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal MinQuantity { get; init; }
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal MaxQuantity { get; init; }
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal TickSize { get; init; }
    public IReadOnlyList<RiskLimitRecord> RiskLimitConfig { get; init; } = [];
    public string BaseCurrency { get; init; } = "";
    public string QuoteCurrency { get; init; } = "";
    /// <summary>PERPETUAL or SPOT.</summary>
    public string Kind { get; init; } = "";
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal StepSize { get; init; }
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal MinNotional { get; init; }
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal PriceBand { get; init; }
    public long MarketProtectionTicks { get; init; }
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal MakerFee { get; init; }
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal TakerFee { get; init; }
    public int MaxLeverage { get; init; }

    /// <summary>The record of a spec (conversions of <see cref="SymbolDefinition.From"/>).</summary>
    public static SymbolRecord From(SymbolSpec spec)
    {
        var d = SymbolDefinition.From(spec);
        return new SymbolRecord
        {
            Symbol = spec.Symbol, MinQuantity = d.MinQty, MaxQuantity = d.MaxQty, TickSize = d.TickSize, RiskLimitConfig = RiskLimits(d.Brackets),
            BaseCurrency = spec.BaseAsset, QuoteCurrency = spec.QuoteAsset, Kind = d.Kind ?? "", StepSize = d.StepSize,
            MinNotional = d.MinNotional, PriceBand = d.PriceBand, MarketProtectionTicks = d.MarketProtectionTicks,
            MakerFee = d.MakerFee, TakerFee = d.TakerFee, MaxLeverage = d.MaxLeverage,
        };
    }

    /// <summary>The definition these rules came from (turn it back into a spec with <see cref="SymbolDefinition.ToSpec"/>).</summary>
    public SymbolDefinition ToDefinition() => new()
    {
        Symbol = Symbol, BaseAsset = BaseCurrency, QuoteAsset = QuoteCurrency, Kind = Kind, TickSize = TickSize, StepSize = StepSize,
        MinQty = MinQuantity, MaxQty = MaxQuantity, MinNotional = MinNotional, PriceBand = PriceBand,
        MarketProtectionTicks = MarketProtectionTicks, MakerFee = MakerFee, TakerFee = TakerFee, MaxLeverage = MaxLeverage,
        Brackets = Brackets(RiskLimitConfig),
    };

    private static RiskLimitRecord[] RiskLimits(IReadOnlyList<BracketDefinition>? brackets)
    {
        var records = new RiskLimitRecord[brackets?.Count ?? 0];
        for (var i = 0; i < records.Length; i++)
        {
            var b = brackets![i];
            records[i] = new RiskLimitRecord(b.NotionalFloor, b.NotionalCap, b.MaxLeverage, b.MaintenanceMarginRate, b.MaintenanceAmount);
        }
        return records;
    }

    private static BracketDefinition[] Brackets(IReadOnlyList<RiskLimitRecord> limits)
    {
        var brackets = new BracketDefinition[limits.Count];
        for (var i = 0; i < brackets.Length; i++)
        {
            var l = limits[i];
            brackets[i] = new BracketDefinition
            {
                NotionalFloor = l.NotionalFloor, NotionalCap = l.NotionalCap, MaxLeverage = l.MaxLeverage,
                MaintenanceMarginRate = l.MaintenanceMarginRate, MaintenanceAmount = l.MaintenanceAmount,
            };
        }
        return brackets;
    }
}

/// <summary>
/// One maintenance bracket: a position whose notional lies in (floor, cap] needs notional * maintenanceMarginRate -
/// maintenanceAmount and may use at most maxLeverage.
/// </summary>
public sealed record RiskLimitRecord(
    [property: JsonNumberHandling(SnapshotJson.DecimalText)] decimal NotionalFloor,
    [property: JsonNumberHandling(SnapshotJson.DecimalText)] decimal NotionalCap,
    int MaxLeverage,
    [property: JsonNumberHandling(SnapshotJson.DecimalText)] decimal MaintenanceMarginRate,
    [property: JsonNumberHandling(SnapshotJson.DecimalText)] decimal MaintenanceAmount);
