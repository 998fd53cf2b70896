namespace Trading.Benchmarks.Mix50;

/// <summary>
/// The workload's command stream hash: FNV-1a over 6 words per command
/// (type, isBuy, orderId, price, qty, uid).
/// </summary>
public static class Mix50StreamHash
{
    /// <summary>The published hash of the default stream (seed 42, 100k + 1M).</summary>
    public const ulong DefaultStreamHash = 0x8C7E090B99196D10UL;

    /// <summary>Hashes <paramref name="commands"/> in order.</summary>
    public static ulong Compute(ReadOnlySpan<Mix50Command> commands)
    {
        var hash = new Fnv1a64();
        foreach (ref readonly Mix50Command c in commands)
        {
            hash.Add((ulong)c.Type);
            hash.Add(c.IsBuy ? 1UL : 0UL);
            hash.Add(c.OrderId);
            hash.Add(c.Price);
            hash.Add(c.Qty);
            hash.Add((long)c.Uid);
        }

        return hash.Value;
    }
}
