using System.Globalization;

namespace Trading.Benchmarks.Mix50;

/// <summary>Writes the suite's <c>name: value</c> result lines (invariant culture).</summary>
public sealed class Mix50Output
{
    private readonly TextWriter _writer;
    private readonly string _prefix;

    /// <summary>Writes to <paramref name="writer"/>, each name preceded by <paramref name="prefix"/>.</summary>
    public Mix50Output(TextWriter writer, string prefix = "")
    {
        _writer = writer;
        _prefix = prefix;
    }

    /// <summary>A 64-bit hash as 0x-prefixed upper-case hex.</summary>
    public void Hash(string name, ulong value) => _writer.WriteLine($"{_prefix}{name}: 0x{value:X16}");

    /// <summary>An integer.</summary>
    public void Integer(string name, long value) =>
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_prefix}{name}: {value}"));

    /// <summary>A number with <paramref name="decimals"/> decimals.</summary>
    public void Number(string name, double value, int decimals) =>
        _writer.WriteLine($"{_prefix}{name}: {value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)}");

    /// <summary>The stream hash and the verified outcome lines.</summary>
    public void Verification(ulong streamHash, Mix50Outcome outcome)
    {
        Hash("stream_hash", streamHash);
        Integer("trades", outcome.Trades);
        Integer("traded_qty", outcome.TradedQty);
        Hash("trade_hash", outcome.TradeHash);
        Integer("resting_orders", outcome.RestingOrders);
        Hash("resting_checksum", outcome.RestingChecksum);
    }
}
