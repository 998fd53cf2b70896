namespace Trading.Grains.Symbols;

/// <summary>
/// Fixed-point money: every balance, fee, margin and PnL inside the engine is a long counting
/// 1/<see cref="Scale"/> of the quote (margin) asset. Decimals appear only at the edges.
/// </summary>
public static class Money
{
    public const long Scale = 100_000_000; // 1e-8 of the asset, like satoshis
    public const long PpmScale = 1_000_000; // rates are parts per million

    public static long FromDecimal(decimal amount)
    {
        var scaled = amount * Scale;
        if (scaled != decimal.Truncate(scaled))
            throw new ArgumentException($"{amount} has more than 8 decimal places.", nameof(amount));
        return checked((long)scaled);
    }

    public static decimal ToDecimal(long units) => (decimal)units / Scale;
}
