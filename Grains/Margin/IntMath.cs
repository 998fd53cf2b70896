namespace Trading.Grains.Margin;

/// <summary>Integer division with explicit rounding direction (C# '/' truncates toward zero).</summary>
internal static class IntMath
{
    /// <summary>Largest integer &lt;= n / d.</summary>
    public static Int128 FloorDiv(Int128 n, Int128 d)
    {
        if (d == 0) throw new DivideByZeroException();
        var q = n / d;
        if (n % d != 0 && ((n < 0) != (d < 0))) q -= 1;
        return q;
    }

    /// <summary>Smallest integer &gt;= n / d.</summary>
    public static Int128 CeilDiv(Int128 n, Int128 d)
    {
        if (d == 0) throw new DivideByZeroException();
        var q = n / d;
        if (n % d != 0 && ((n < 0) == (d < 0))) q += 1;
        return q;
    }

    /// <summary>Nearest integer to n / d, halves away from zero (display only, never used in money math).</summary>
    public static Int128 RoundHalfAwayDiv(Int128 n, Int128 d)
    {
        if (d < 0) { n = -n; d = -d; }
        return n >= 0 ? (2 * n + d) / (2 * d) : -((2 * -n + d) / (2 * d));
    }

    public static long ToLong(Int128 v) => checked((long)v);
}
