using Trading.Grains.Symbols;

namespace Trading.Grains.Margin;

/// <summary>
/// Margin arithmetic on money units (<see cref="Money.Scale"/>). Every requirement (initial margin,
/// maintenance margin, fee reservation) is rounded up, so rounding never favours the trader.
/// </summary>
public static class MarginCalculator
{
    /// <summary>Initial margin of a notional at a leverage: ceil(notional / leverage).</summary>
    public static long InitialMargin(long notional, int leverage)
    {
        if (leverage < 1) throw new ArgumentOutOfRangeException(nameof(leverage));
        return IntMath.ToLong(IntMath.CeilDiv(notional, leverage));
    }

    /// <summary>
    /// Index of the bracket whose (floor, cap] holds the notional (a zero notional belongs to the first
    /// bracket); -1 when the notional is beyond the last cap.
    /// </summary>
    public static int BracketIndex(SymbolSpec spec, long notional)
    {
        var brackets = spec.Brackets;
        for (var i = 0; i < brackets.Count; i++)
            if (notional <= brackets[i].NotionalCap) return i;
        return -1;
    }

    /// <summary>The bracket of a notional; beyond the last cap the last bracket is used (for risk, never for admission).</summary>
    public static MaintenanceBracket BracketFor(SymbolSpec spec, long notional)
    {
        var i = BracketIndex(spec, notional);
        return spec.Brackets[i < 0 ? spec.Brackets.Count - 1 : i];
    }

    /// <summary>Maintenance margin = ceil(notional * rate) - cum, never below zero.</summary>
    public static long MaintenanceMargin(SymbolSpec spec, long notional)
    {
        if (notional <= 0) return 0;
        var b = BracketFor(spec, notional);
        var mm = Fees.Compute(notional, b.MaintenanceMarginRatePpm) - b.MaintenanceAmount;
        return Math.Max(0, mm);
    }

    /// <summary>
    /// Risk ratio in ppm: ceil(maintenance * 1e6 / marginBalance). With a margin balance &lt;= 0 and
    /// some maintenance margin the ratio is <see cref="long.MaxValue"/> (already beyond 100%).
    /// </summary>
    public static long RiskRatioPpm(long maintenanceMargin, long marginBalance)
    {
        if (maintenanceMargin <= 0) return 0;
        if (marginBalance <= 0) return long.MaxValue;
        var r = IntMath.CeilDiv((Int128)maintenanceMargin * Money.PpmScale, marginBalance);
        return r > long.MaxValue ? long.MaxValue : (long)r;
    }

    /// <summary>The liquidation trigger: maintenance margin &gt;= margin balance, i.e. risk ratio &gt;= 1, compared exactly.</summary>
    public static bool IsLiquidatable(long maintenanceMargin, long marginBalance) =>
        maintenanceMargin > 0 && maintenanceMargin >= marginBalance;

    /// <summary>Highest leverage the brackets allow for a notional; 0 when the notional is beyond the last bracket.</summary>
    public static int MaxLeverageFor(SymbolSpec spec, long notional)
    {
        var i = BracketIndex(spec, notional);
        return i < 0 ? 0 : Math.Min(spec.MaxLeverage, spec.Brackets[i].MaxLeverage);
    }
}
