using Trading.Grains.Symbols;

namespace Trading.Grains.Margin;

/// <summary>
/// Money held for one working order, and the rule that computes it:
/// <list type="bullet">
/// <item>perpetual OPEN order: ceil(notional(worst, openingQty) / leverage) + ceil(notional(worst, remainingQty) * takerFee);</item>
/// <item>perpetual CLOSE (reduce-only) and liquidation orders: nothing (they lock quantity instead; their fee is paid from the wallet);</item>
/// <item>spot buy: notional(worst, remainingQty) + taker fee, in the quote asset;</item>
/// <item>spot sell: remainingQty in base units (lots * stepSize * 1e8).</item>
/// </list>
/// </summary>
/// <param name="OrderId">Order the money is held for.</param>
/// <param name="Symbol">Symbol of the order.</param>
/// <param name="Asset">Asset the money is held in.</param>
/// <param name="Amount">Money units held.</param>
/// <param name="RemainingQty">Remaining order quantity in lots.</param>
/// <param name="OpeningQty">Remaining part that opens a position (perpetuals).</param>
public sealed record OrderReservation(long OrderId, string Symbol, string Asset, long Amount, long RemainingQty, long OpeningQty)
{
    /// <summary>Amount to hold for the given remaining quantities (see the type's rules).</summary>
    public static long Compute(SymbolSpec spec, TradeSide side, OrderIntent intent, bool isLiquidation, long worstPriceTicks,
        long remainingQty, long openingQty, int leverage)
    {
        if (remainingQty <= 0 || isLiquidation) return 0;
        if (spec.Kind == ContractKind.Spot)
        {
            if (side == TradeSide.Sell) return checked(remainingQty * SpotUnits.BaseUnitsPerLot(spec));
            var notional = spec.Notional(worstPriceTicks, remainingQty);
            return checked(notional + Fees.Compute(notional, spec.TakerFeePpm));
        }
        if (intent == OrderIntent.Close) return 0;
        var margin = openingQty > 0 ? MarginCalculator.InitialMargin(spec.Notional(worstPriceTicks, openingQty), leverage) : 0;
        var fee = Fees.Compute(spec.Notional(worstPriceTicks, remainingQty), spec.TakerFeePpm);
        return checked(margin + fee);
    }
}
