namespace Trading.Benchmarks.Mix50;

/// <summary>The reference <see cref="ShadowBook"/> as a benchmark engine (slow by design; a baseline that runs now).</summary>
public struct ShadowBookEngine : IMix50Engine
{
    private ShadowBook _book;

    /// <summary>Creates an engine with an empty book.</summary>
    public ShadowBookEngine() => _book = new ShadowBook();

    /// <inheritdoc />
    public readonly long RestingOrders => _book.RestingCount;

    /// <inheritdoc />
    public void Reset() => _book = new ShadowBook();

    /// <inheritdoc />
    public readonly void Apply<TListener>(in Mix50Command command, ref TListener listener)
        where TListener : struct, IMix50TradeListener =>
        _book.Apply(command, ref listener);

    /// <inheritdoc />
    public readonly ulong ComputeRestingChecksum() => _book.ComputeRestingChecksum().Value;
}
