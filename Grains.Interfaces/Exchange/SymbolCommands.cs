using Trading.Grains.Symbols;

namespace Trading.Grains.Interfaces.Exchange;

/// <summary>Create (<see cref="Create"/>: must not exist) or update (must exist) a symbol's rules.</summary>
public sealed record UpsertSymbol(SymbolSpec Spec, bool Create);

/// <summary>Outcome of <see cref="UpsertSymbol"/>; <see cref="Problems"/> name the offending fields.</summary>
public sealed record SymbolResult(bool Accepted, string? Reason, IReadOnlyList<string> Problems, SymbolSpec? Spec);

public sealed record GetSymbols;

public sealed record SymbolList(IReadOnlyList<SymbolSpec> Symbols, long Version);
