using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Symbols;
using Trading.Runtime.Client;

namespace Trading.Client.Api.Exchange;

/// <summary>
/// The gateway's copy of the symbol registry, refreshed when older than Exchange:SymbolCacheMs and at once
/// after this gateway changed a symbol. An unknown symbol triggers one refresh before it is refused.
/// </summary>
public sealed class SymbolCatalog(IClusterClient client, IOptions<ExchangeOptions> options, TimeProvider clock)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile IReadOnlyDictionary<string, SymbolSpec> _symbols = new Dictionary<string, SymbolSpec>();
    private long _loadedAt = long.MinValue;
    private readonly ConcurrentDictionary<string, long> _missRefreshAt = new(StringComparer.Ordinal);

    public async Task<IReadOnlyCollection<SymbolSpec>> AllAsync(CancellationToken cancellationToken)
    {
        await EnsureFreshAsync(force: false, cancellationToken).ConfigureAwait(false);
        return _symbols.Values.ToArray();
    }

    public async Task<SymbolSpec?> FindAsync(string symbol, CancellationToken cancellationToken)
    {
        await EnsureFreshAsync(force: false, cancellationToken).ConfigureAwait(false);
        if (_symbols.TryGetValue(symbol, out var spec)) return spec;
        // Created a moment ago through another gateway? Ask again, at most once a second per name.
        var now = clock.GetTimestamp();
        var last = _missRefreshAt.GetOrAdd(symbol, long.MinValue);
        if (last != long.MinValue && clock.GetElapsedTime(last, now) < TimeSpan.FromSeconds(1)) return null;
        _missRefreshAt[symbol] = now;
        await EnsureFreshAsync(force: true, cancellationToken).ConfigureAwait(false);
        return _symbols.GetValueOrDefault(symbol);
    }

    public Task InvalidateAsync(CancellationToken cancellationToken) => EnsureFreshAsync(force: true, cancellationToken);

    private async Task EnsureFreshAsync(bool force, CancellationToken cancellationToken)
    {
        if (!force && !Stale()) return;
        var loadedBefore = Interlocked.Read(ref _loadedAt);
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Interlocked.Read(ref _loadedAt) != loadedBefore && !Stale()) return; // someone refreshed meanwhile
            var list = await client.AskAsync<ISymbolRegistryGrain, SymbolList>(ISymbolRegistryGrain.Key, new GetSymbols(),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            _symbols = list.Symbols.ToDictionary(s => s.Symbol, StringComparer.Ordinal);
            Interlocked.Exchange(ref _loadedAt, clock.GetTimestamp());
        }
        finally
        {
            _refresh.Release();
        }
    }

    private bool Stale()
    {
        var at = Interlocked.Read(ref _loadedAt);
        return at == long.MinValue || clock.GetElapsedTime(at) > TimeSpan.FromMilliseconds(options.Value.SymbolCacheMs);
    }
}
