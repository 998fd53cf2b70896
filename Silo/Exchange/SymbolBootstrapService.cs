using Microsoft.Extensions.Options;
using Trading.Grains.Interfaces.Exchange;
using Trading.Runtime.Client;

namespace Trading.Silo.Exchange;

/// <summary>Creates the configured symbols (Exchange:Symbols) the registry does not have yet; existing ones stay as they are.</summary>
internal sealed class SymbolBootstrapService(IClusterClient client, IOptions<ExchangeOptions> options, ILogger<SymbolBootstrapService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Symbols.Count == 0) return;
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await CreateMissingAsync(stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is TimeoutException or IOException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Symbol bootstrap attempt {Attempt} failed; retrying", attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt * 2)), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task CreateMissingAsync(CancellationToken cancellationToken)
    {
        var known = await client.AskAsync<ISymbolRegistryGrain, SymbolList>(ISymbolRegistryGrain.Key, new GetSymbols(),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var definition in options.Value.Symbols)
        {
            if (known.Symbols.Any(s => s.Symbol == definition.Symbol)) continue;
            var spec = definition.ToSpec(out var problems)
                       ?? throw new InvalidOperationException($"Exchange:Symbols {definition.Symbol}: {string.Join("; ", problems)}");
            var result = await client.AskAsync<ISymbolRegistryGrain, SymbolResult>(ISymbolRegistryGrain.Key, new UpsertSymbol(spec, Create: true),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            if (result.Accepted || result.Reason == "SYMBOL_EXISTS")
                logger.LogInformation("Symbol {Symbol} {Outcome}", spec.Symbol, result.Accepted ? "created" : "already existed");
            else
                logger.LogError("Symbol {Symbol} refused: {Problems}", spec.Symbol, string.Join("; ", result.Problems));
        }
    }
}
