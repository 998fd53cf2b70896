using Trading.Runtime.Messaging;

namespace Trading.Runtime.Grains;

/// <summary>
/// Binary form of a checkpoint's timers and dedup windows (see <see cref="GrainCheckpointPayload"/>). Each list is a
/// count (-1 for none) then its entries in the dictionary's order. A dedup window's sequences are written as the first
/// one, then the differences between neighbours, as zigzag varints: a window holds up to thousands of sequences of one
/// source that mostly rise by small steps, so most take one or two bytes instead of the twenty of their JSON digits.
/// The differences wrap (unchecked) both ways, so any sequence of longs reads back exactly.
/// </summary>
internal static class CheckpointBookkeeping
{
    public static void Write(MessageWriter w, Dictionary<string, GrainTimerState>? timers, Dictionary<string, DedupSourceState>? dedup)
    {
        w.WriteLength(timers?.Count ?? -1);
        if (timers is not null)
            foreach (var (name, t) in timers)
            {
                w.WriteString(name);
                w.WriteInt64(t.PeriodMs);
                w.WriteInt64(t.StartedAt);
                w.WriteInt64(t.LastTick);
            }
        w.WriteLength(dedup?.Count ?? -1);
        if (dedup is null) return;
        foreach (var (source, window) in dedup)
        {
            w.WriteString(source);
            w.WriteInt64(window.Floor);
            var recent = window.Recent;
            w.WriteLength(recent.Length);
            var previous = 0L;
            for (var i = 0; i < recent.Length; i++)
            {
                w.WriteInt64(unchecked(recent[i] - previous));
                previous = recent[i];
            }
        }
    }

    /// <exception cref="FormatException">Truncated, a count out of range, a missing name, or bytes left over.</exception>
    public static (Dictionary<string, GrainTimerState>? Timers, Dictionary<string, DedupSourceState>? Dedup) Read(ReadOnlySpan<byte> bytes)
    {
        var r = new MessageReader(bytes);
        Dictionary<string, GrainTimerState>? timers = null;
        var timerCount = Count(ref r, minimumEntryBytes: 4);
        if (timerCount >= 0)
        {
            timers = new Dictionary<string, GrainTimerState>(timerCount, StringComparer.Ordinal);
            for (var i = 0; i < timerCount; i++)
                timers[Name(ref r)] = new GrainTimerState(r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
        }
        Dictionary<string, DedupSourceState>? dedup = null;
        var sourceCount = Count(ref r, minimumEntryBytes: 3);
        if (sourceCount >= 0)
        {
            dedup = new Dictionary<string, DedupSourceState>(sourceCount, StringComparer.Ordinal);
            for (var i = 0; i < sourceCount; i++)
            {
                var source = Name(ref r);
                var floor = r.ReadInt64();
                var recent = new long[Math.Max(0, Count(ref r, minimumEntryBytes: 1))];
                var previous = 0L;
                for (var k = 0; k < recent.Length; k++) previous = recent[k] = unchecked(previous + r.ReadInt64());
                dedup[source] = new DedupSourceState(floor, recent);
            }
        }
        r.EnsureEnd();
        return (timers, dedup);
    }

    /// <summary>A count no larger than the bytes left could hold, so a corrupt one never sizes an allocation.</summary>
    private static int Count(ref MessageReader r, int minimumEntryBytes)
    {
        var count = r.ReadLength();
        if (count > r.Remaining / minimumEntryBytes) throw new FormatException($"Bookkeeping count {count} exceeds the {r.Remaining} bytes left.");
        return count;
    }

    private static string Name(ref MessageReader r) => r.ReadString() ?? throw new FormatException("Bookkeeping entry without a name.");
}
