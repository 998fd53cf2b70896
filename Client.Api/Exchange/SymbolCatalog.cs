using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Symbols;
using Trading.Runtime.Client;

namespace Trading.Client.Api.Exchange;

/// <summary>
/// The gateway's copy of the symbol registry, refreshed when older than Exchange:SymbolCacheMs and at once
/// after this gateway changed a symbol. An unknown symbol triggers one refresh before it is refused. A stale copy
/// keeps serving while one refresh runs in the background, and stays when the registry does not answer (its
/// partition is moving to another silo), so order entry never waits on the registry once it has a catalogue.
/// </summary>
public sealed class SymbolCatalog(IClusterClient client, IOptions<ExchangeOptions> options, TimeProvider clock, ILogger<SymbolCatalog> logger)
{
    private readonly Lock _gate = new();
    private Task<Exception?>? _inflight;
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
        var loaded = Interlocked.Read(ref _loadedAt) != long.MinValue;
        Task<Exception?> refresh;
        lock (_gate) refresh = _inflight ??= Task.Run(RefreshAsync); // started on the pool: its end (which clears _inflight) needs this lock
        if (loaded && !force) return; // the stale copy serves meanwhile
        var failure = await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (failure is not null && !loaded) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
    }

    /// <summary>One refresh at a time; returns its failure instead of throwing, as nobody may be waiting for it.</summary>
    private async Task<Exception?> RefreshAsync()
    {
        try
        {
            var list = await client.AskAsync<ISymbolRegistryGrain, SymbolList>(ISymbolRegistryGrain.Key, new GetSymbols()).ConfigureAwait(false);
            _symbols = list.Symbols.ToDictionary(s => s.Symbol, StringComparer.Ordinal);
            Interlocked.Exchange(ref _loadedAt, clock.GetTimestamp());
            return null;
        }
        catch (Exception e) when (e is TimeoutException or GrainCallException or IOException)
        {
            logger.LogWarning("Symbol registry did not answer ({Error}); keeping the catalogue of {Count} symbols", e.Message, _symbols.Count);
            return e;
        }
        finally
        {
            lock (_gate) _inflight = null;
        }
    }

    private bool Stale()
    {
        var at = Interlocked.Read(ref _loadedAt);
        return at == long.MinValue || clock.GetElapsedTime(at) > TimeSpan.FromMilliseconds(options.Value.SymbolCacheMs);
    }
}
