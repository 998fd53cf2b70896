namespace Trading.Grains.Symbols;

/// <summary>Fee arithmetic shared by the order book (trade events) and the position engine (settlement).</summary>
public static class Fees
{
    /// <summary>
    /// Fee in money units for a notional at a rate in ppm, rounded toward positive infinity: a charge
    /// rounds up and a rebate (negative rate) rounds toward zero, so rounding never favours the trader.
    /// </summary>
    public static long Compute(long notional, long ratePpm)
    {
        var product = (Int128)notional * ratePpm;
        var quotient = product / Money.PpmScale;
        if (product > 0 && quotient * Money.PpmScale != product) quotient += 1;
        return checked((long)quotient);
    }
}
