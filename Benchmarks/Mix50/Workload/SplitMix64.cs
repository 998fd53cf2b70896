namespace Trading.Benchmarks.Mix50;

/// <summary>
/// SplitMix64 pseudo-random generator exactly as specified by the mix50 workload
/// (64-bit unsigned, wrapping arithmetic).
/// </summary>
public struct SplitMix64
{
    private ulong _state;

    /// <summary>Creates a generator whose initial state is <paramref name="seed"/>.</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>The current internal state.</summary>
    public readonly ulong State => _state;

    /// <summary>Advances the state and returns the next 64-bit output.</summary>
    public ulong Next()
    {
        unchecked
        {
            _state += 0x9E3779B97F4A7C15UL;
            ulong z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>
    /// U(n): the high 64 bits of the 128-bit product <c>Next() * n</c>, i.e.
    /// <c>floor(Next() * n / 2^64)</c>, a value in [0, n). No rejection sampling.
    /// </summary>
    public ulong U(ulong n) => Math.BigMul(Next(), n, out _);

    /// <summary>U(n) for a positive <see cref="int"/> bound; the result lies in [0, n).</summary>
    public int U(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return (int)U((ulong)n);
    }
}
