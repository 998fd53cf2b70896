using System.Globalization;

namespace Trading.Benchmarks.Mix50;

/// <summary>Writes the suite's <c>name: value</c> result lines (invariant culture).</summary>
public sealed class Mix50Output
{
    private readonly TextWriter _writer;

    /// <summary>Writes to <paramref name="writer"/>.</summary>
    public Mix50Output(TextWriter writer) => _writer = writer;

    /// <summary>A 64-bit hash as 0x-prefixed upper-case hex.</summary>
    public void Hash(string name, ulong value) => _writer.WriteLine($"{name}: 0x{value:X16}");

    /// <summary>An integer.</summary>
    public void Integer(string name, long value) =>
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {value}"));

    /// <summary>A number with <paramref name="decimals"/> decimals.</summary>
    public void Number(string name, double value, int decimals) =>
        _writer.WriteLine($"{name}: {value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)}");

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
