using Trading.Grains.Symbols;

namespace Trading.Grains.Exchange.Snapshots;

/// <summary>
/// The rules of every symbol a capture names: the registry's first, then those only a book or an account knows
/// (tick and step sizes never change once a symbol exists, so any copy converts alike).
/// </summary>
internal sealed class SnapshotSymbols
{
    private readonly Dictionary<string, SymbolSpec> _specs = new(StringComparer.Ordinal);

    public SnapshotSymbols(SnapshotCapture capture)
    {
        foreach (var (symbol, spec) in capture.Symbols) _specs[symbol] = spec;
        foreach (var book in capture.Books.Values)
            if (book.Spec is not null) _specs.TryAdd(book.Spec.Symbol, book.Spec);
        foreach (var position in capture.Positions.Values)
            foreach (var (symbol, spec) in position.Specs) _specs.TryAdd(symbol, spec);
    }

    public IReadOnlyDictionary<string, SymbolSpec> All => _specs;

    public SymbolSpec Of(string symbol) =>
        _specs.TryGetValue(symbol, out var spec) ? spec : throw new InvalidOperationException($"The capture has no rules for symbol {symbol}.");
}
