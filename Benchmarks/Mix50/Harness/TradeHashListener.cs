namespace Trading.Benchmarks.Mix50;

/// <summary>
/// Counts trades and traded quantity and hashes every trade with FNV-1a over the four words
/// (takerId, makerId, price, qty) in execution order. Create with <c>new TradeHashListener()</c>.
/// </summary>
public struct TradeHashListener : IMix50TradeListener
{
    private Fnv1a64 _hash;

    /// <summary>Starts with no trades and the FNV-1a offset basis.</summary>
    public TradeHashListener() => _hash = new Fnv1a64();

    /// <summary>Trades seen.</summary>
    public long Trades { get; private set; }

    /// <summary>Sum of traded quantities.</summary>
    public long TradedQty { get; private set; }

    /// <summary>FNV-1a hash of all trades seen.</summary>
    public readonly ulong Hash => _hash.Value;

    /// <inheritdoc />
    public void OnTrade(long takerId, long makerId, long price, long qty)
    {
        Trades++;
        TradedQty += qty;
        _hash.Add(takerId);
        _hash.Add(makerId);
        _hash.Add(price);
        _hash.Add(qty);
    }
}
