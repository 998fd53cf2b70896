using Trading.Runtime.Grains;

namespace Trading.Benchmarks.Runtime.TestGrains;

/// <summary>A grain for runtime tests: counts increments, emits an event per increment, runs a timer.</summary>
public interface ICounterGrain : IGrainWithStringKey;

public sealed record Increment(long Amount);
public sealed record GetCount;
public sealed record CountReply(long Count, long Ticks, long LastTick, bool TickGap);
public sealed record StartTicking(int PeriodMs);
public sealed record StopTicking;
public sealed record Counted(string Key, long Count);
