using Microsoft.Extensions.Options;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Symbols;
using Trading.Runtime.Configuration;
using Trading.Runtime.Grains;

namespace Trading.Grains.Exchange;

/// <summary>Checkpointed state of the <see cref="SymbolRegistryGrain"/>.</summary>
public sealed class SymbolRegistryState
{
    public Dictionary<string, SymbolSpec> Symbols { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Grows with every accepted change, so caches can tell they are stale.</summary>
    public long Version { get; set; }
}

/// <summary>
/// The catalogue of symbols: validates and persists their rules and configures each symbol's book. The
/// fields that give meaning to resting orders and positions (tick size, step size, kind, assets) are fixed
/// once the symbol exists.
/// </summary>
public sealed class SymbolRegistryGrain(IOptions<TopicOptions> topics) : Grain<SymbolRegistryState>, ISymbolRegistryGrain
{
    private readonly TopicOptions _topics = topics.Value;

    public override Task OnMessageAsync(object message, IMessageContext context)
    {
        switch (message)
        {
            case UpsertSymbol upsert: Upsert(upsert, context); break;
            case GetSymbols: context.Reply(new SymbolList([.. State.Symbols.Values.OrderBy(s => s.Symbol, StringComparer.Ordinal)], State.Version)); break;
            default: throw new ArgumentException($"SymbolRegistry does not handle {message.GetType().Name}.");
        }
        return Task.CompletedTask;
    }

    private void Upsert(UpsertSymbol upsert, IMessageContext context)
    {
        var spec = upsert.Spec;
        var problems = new List<string>(spec.Validate());
        var exists = State.Symbols.TryGetValue(spec.Symbol ?? "", out var current);
        if (upsert.Create && exists)
        {
            context.Reply(new SymbolResult(false, "SYMBOL_EXISTS", [$"symbol: {spec.Symbol} already exists"], current));
            return;
        }
        if (!upsert.Create && !exists)
        {
            context.Reply(new SymbolResult(false, "UNKNOWN_SYMBOL", [$"symbol: {spec.Symbol} does not exist"], null));
            return;
        }
        if (current is not null)
        {
            if (current.TickSize != spec.TickSize) problems.Add("tickSize: cannot change on an existing symbol");
            if (current.StepSize != spec.StepSize) problems.Add("stepSize: cannot change on an existing symbol");
            if (current.Kind != spec.Kind) problems.Add("kind: cannot change on an existing symbol");
            if (current.BaseAsset != spec.BaseAsset) problems.Add("baseAsset: cannot change on an existing symbol");
            if (current.QuoteAsset != spec.QuoteAsset) problems.Add("quoteAsset: cannot change on an existing symbol");
        }
        if (problems.Count > 0)
        {
            context.Reply(new SymbolResult(false, "INVALID_SYMBOL", problems, current));
            return;
        }
        State.Symbols[spec.Symbol!] = spec;
        State.Version++;
        WriteStateAsync();
        context.Emit(_topics.OrdersCommands, spec.Symbol!, new ConfigureSymbol(spec));
        context.Reply(new SymbolResult(true, null, [], spec));
    }
}
