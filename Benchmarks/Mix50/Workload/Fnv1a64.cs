namespace Trading.Benchmarks.Mix50;

/// <summary>
/// FNV-1a accumulator over 64-bit words as used by every mix50 hash:
/// <c>h = 0xCBF29CE484222325; h = (h ^ w) * 0x100000001B3</c> per word.
/// Create it with <c>new Fnv1a64()</c>; <c>default</c> would start from zero.
/// </summary>
public struct Fnv1a64
{
    /// <summary>The FNV-1a 64-bit offset basis.</summary>
    public const ulong OffsetBasis = 0xCBF29CE484222325UL;

    /// <summary>The FNV-1a 64-bit prime.</summary>
    public const ulong Prime = 0x100000001B3UL;

    private ulong _hash;

    /// <summary>Starts a new hash at the offset basis.</summary>
    public Fnv1a64() => _hash = OffsetBasis;

    /// <summary>The hash of every word added so far.</summary>
    public readonly ulong Value => _hash;

    /// <summary>Folds one 64-bit word into the hash.</summary>
    public void Add(ulong word) => _hash = unchecked((_hash ^ word) * Prime);

    /// <summary>Folds one signed 64-bit word (two's complement bits) into the hash.</summary>
    public void Add(long word) => Add(unchecked((ulong)word));
}
