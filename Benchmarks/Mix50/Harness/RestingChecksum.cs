namespace Trading.Benchmarks.Mix50;

/// <summary>
/// The mix50 resting-book checksum. Definition: FNV-1a over 64-bit words (offset basis
/// 0xCBF29CE484222325, prime 0x100000001B3), adding for every resting order the four words
/// (orderId, price, remaining qty, side) with side = 1 for a bid and 0 for an ask; orders are walked
/// bids from best (highest) to worst price, then asks from best (lowest) to worst price, and oldest
/// first (FIFO / time priority) within a price level. An empty book hashes to the offset basis.
/// Engines feed their resting orders in that order to <see cref="Add"/>.
/// Create with <c>new RestingChecksum()</c>.
/// </summary>
public struct RestingChecksum
{
    private Fnv1a64 _hash;

    /// <summary>Starts an empty checksum.</summary>
    public RestingChecksum() => _hash = new Fnv1a64();

    /// <summary>Orders added so far.</summary>
    public long Count { get; private set; }

    /// <summary>The checksum of the orders added so far.</summary>
    public readonly ulong Value => _hash.Value;

    /// <summary>Adds the next resting order in walk order.</summary>
    public void Add(long orderId, long price, long remainingQty, bool isBuy)
    {
        _hash.Add(orderId);
        _hash.Add(price);
        _hash.Add(remainingQty);
        _hash.Add(isBuy ? 1UL : 0UL);
        Count++;
    }
}
