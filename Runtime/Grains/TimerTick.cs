namespace Trading.Runtime.Grains;

/// <summary>The payload of a timer tick record in a grain's input log.</summary>
public sealed record TimerTick(string Name, long Tick, long DueTime);
