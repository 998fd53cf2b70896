using Trading.Grains.Symbols;

namespace Trading.Grains.Margin;

/// <summary>
/// Liquidation and bankruptcy prices of a one-way position, in price ticks.
/// <para>
/// Binance one-way formula: LP = (WB + cum - side*qty*EP) / (qty*MMR - side*qty), side = +1 long, -1 short.
/// In engine units qty*EP is the exact entry notional EN (money units) and qty*P is lots*multiplier*P(ticks), so
/// long:  LP = (EN - WB - cum) * 1e6 / (lots * mult * (1e6 - mmrPpm)), rounded up;
/// short: LP = (EN + WB + cum) * 1e6 / (lots * mult * (1e6 + mmrPpm)), rounded down;
/// so the displayed price is never on the safe side of the exact one. The trigger itself is the exact integer
/// comparison maintenance &gt;= margin balance at the mark (see <see cref="MarginCalculator.IsLiquidatable"/>).
/// WB is the isolated margin for an isolated position; for a cross position it is the cross wallet balance less
/// the other cross positions' maintenance margin plus their unrealized PnL.
/// The bracket (MMR, cum) is first the one of the current notional, then the one the liquidation price's own
/// notional falls into, until it is stable.
/// </para>
/// </summary>
public static class LiquidationPriceCalculator
{
    /// <summary>Liquidation price in ticks; 0 when the position cannot be liquidated by a falling price (long fully covered) or is flat.</summary>
    public static long LiquidationPrice(SymbolSpec spec, PositionSide side, long lots, long entryNotional, long walletBalance, long currentNotional)
    {
        if (side == PositionSide.Flat || lots <= 0) return 0;
        var index = MarginCalculator.BracketIndex(spec, currentNotional);
        if (index < 0) index = spec.Brackets.Count - 1;
        var seen = new List<(int Index, long Price)>();
        while (true)
        {
            var price = PriceWithBracket(spec, side, lots, entryNotional, walletBalance, spec.Brackets[index]);
            if (seen.Exists(s => s.Index == index))
            {
                // A cycle between brackets: take the most conservative candidate seen.
                return side == PositionSide.Long ? seen.Max(s => s.Price) : seen.Min(s => s.Price);
            }
            seen.Add((index, price));
            if (price <= 0) return 0;
            var notionalAtPrice = spec.Notional(price, lots);
            var next = MarginCalculator.BracketIndex(spec, notionalAtPrice);
            if (next < 0) next = spec.Brackets.Count - 1;
            if (next == index) return price;
            index = next;
        }
    }

    /// <summary>The formula with one given bracket (no recomputation).</summary>
    public static long PriceWithBracket(SymbolSpec spec, PositionSide side, long lots, long entryNotional, long walletBalance, MaintenanceBracket bracket)
    {
        var mult = (Int128)lots * spec.NotionalMultiplier;
        Int128 price;
        if (side == PositionSide.Long)
        {
            var numerator = ((Int128)entryNotional - walletBalance - bracket.MaintenanceAmount) * Money.PpmScale;
            price = IntMath.CeilDiv(numerator, mult * (Money.PpmScale - bracket.MaintenanceMarginRatePpm));
            if (price < 0) price = 0;
        }
        else
        {
            var numerator = ((Int128)entryNotional + walletBalance + bracket.MaintenanceAmount) * Money.PpmScale;
            price = IntMath.FloorDiv(numerator, mult * (Money.PpmScale + bracket.MaintenanceMarginRatePpm));
            if (price < 0) price = 0;
        }
        return IntMath.ToLong(price);
    }

    /// <summary>
    /// Bankruptcy price in ticks: where walletBalance + unrealized PnL = 0. Rounded onto the tick grid against the
    /// trader (long: up, short: down, at least one tick) so that a liquidation fill at or better than it leaves a
    /// margin balance &gt;= 0 and never needs the insurance fund.
    /// </summary>
    public static long BankruptcyPrice(SymbolSpec spec, PositionSide side, long lots, long entryNotional, long walletBalance)
    {
        if (side == PositionSide.Flat || lots <= 0) return 0;
        var mult = (Int128)lots * spec.NotionalMultiplier;
        var price = side == PositionSide.Long
            ? IntMath.CeilDiv((Int128)entryNotional - walletBalance, mult)
            : IntMath.FloorDiv((Int128)entryNotional + walletBalance, mult);
        return IntMath.ToLong(price < 1 ? 1 : price);
    }
}
