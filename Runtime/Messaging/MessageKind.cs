namespace Trading.Runtime.Messaging;

/// <summary>What a record on a grain topic carries.</summary>
public enum MessageKind : byte
{
    /// <summary>A command or event addressed to the grain its key names.</summary>
    Message = 1,
    /// <summary>A grain's answer to a request, addressed to the requesting gateway's reply topic.</summary>
    Reply = 2,
    /// <summary>A deterministic timer tick, written into the grain's own input log.</summary>
    TimerTick = 3,
    /// <summary>A snapshot barrier: one per partition, handled by the partition's worker, not by a grain.</summary>
    Barrier = 4,
}
