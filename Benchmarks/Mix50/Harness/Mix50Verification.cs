namespace Trading.Benchmarks.Mix50;

/// <summary>Compares an engine's outcome with the shadow book's and explains any difference.</summary>
public static class Mix50Verification
{
    /// <summary>Null when <paramref name="actual"/> equals <paramref name="expected"/>, otherwise a readable message.</summary>
    public static string? Describe(string engine, Mix50Outcome expected, Mix50Outcome actual)
    {
        if (expected == actual)
        {
            return null;
        }

        return $"VERIFICATION FAILED: engine '{engine}' does not reproduce the shadow book.\n"
            + Field("trades", expected.Trades, actual.Trades)
            + Field("traded_qty", expected.TradedQty, actual.TradedQty)
            + Field("trade_hash", $"0x{expected.TradeHash:X16}", $"0x{actual.TradeHash:X16}")
            + Field("resting_orders", expected.RestingOrders, actual.RestingOrders)
            + Field("resting_checksum", $"0x{expected.RestingChecksum:X16}", $"0x{actual.RestingChecksum:X16}");
    }

    private static string Field<T>(string name, T expected, T actual) =>
        $"  {name}: expected {expected}, engine {actual}{(EqualityComparer<T>.Default.Equals(expected, actual) ? string.Empty : "   <-- differs")}\n";
}
