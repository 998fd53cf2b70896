using System.Collections.Concurrent;

namespace Trading.Runtime.Hosting;

/// <summary>Counters of one silo, per grain type; read by the statistics publisher and the dashboard.</summary>
public sealed class SiloStatistics
{
    private readonly ConcurrentDictionary<string, GrainTypeCounters> _types = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConsumerCounters> _consumers = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, GrainTypeCounters> Types => _types;

    /// <summary>Stream consumers that are not grains (history exporters), by name.</summary>
    public IReadOnlyDictionary<string, ConsumerCounters> Consumers => _consumers;

    public ConsumerCounters Consumer(string name) => _consumers.GetOrAdd(name, _ => new ConsumerCounters());

    public GrainTypeCounters For(string grainType) => _types.GetOrAdd(grainType, _ => new GrainTypeCounters());

    internal void Activated(string t) => Interlocked.Increment(ref For(t).Activations);
    internal void Deactivated(string t) => Interlocked.Increment(ref For(t).Deactivations);
    internal void MessageIn(string t) => Interlocked.Increment(ref For(t).MessagesIn);
    internal void MessagesOut(string t, int n) { if (n > 0) Interlocked.Add(ref For(t).MessagesOut, n); }
    internal void AlreadyApplied(string t) => Interlocked.Increment(ref For(t).AlreadyApplied);
    internal void DuplicateDropped(string t) => Interlocked.Increment(ref For(t).DuplicatesDropped);
    internal void PoisonMessage(string t) => Interlocked.Increment(ref For(t).PoisonMessages);
    internal void TurnFailed(string t) => Interlocked.Increment(ref For(t).FailedTurns);
    internal void Checkpointed(string t, int n) => Interlocked.Add(ref For(t).Checkpoints, n);
}

/// <summary>Monotonic counters of one grain type on one silo.</summary>
public sealed class GrainTypeCounters
{
    public long Activations;
    public long Deactivations;
    /// <summary>Inputs handed to grains (new, not duplicates, not already applied).</summary>
    public long MessagesIn;
    public long MessagesOut;
    /// <summary>Inputs skipped because the grain's checkpoint already covered them (replay after a handover).</summary>
    public long AlreadyApplied;
    public long DuplicatesDropped;
    public long PoisonMessages;
    public long FailedTurns;
    public long Checkpoints;
    public long ActiveGrains => Interlocked.Read(ref Activations) - Interlocked.Read(ref Deactivations);
}
