namespace Trading.Runtime.Grains;

/// <summary>
/// A grain's deterministic timers. Tick n of a timer is due at StartedAt + n * Period (message time);
/// the silo writes due ticks into the grain's input log, and the grain applies tick n only once, in order.
/// A registration is known by its start and period: registering a timer again (after unregistering it, or to change
/// its period) counts its ticks from 1 again, and a tick still in the log from an earlier registration, whose due time
/// does not fit the current one, is ignored. That is also what makes replayed ticks harmless, so ticks bypass the
/// dedup windows (which would take the new registration's tick 1 for a replay of the old one's). The timers also
/// keep, in memory only, the last tick the silo wrote for each registration (<see cref="CollectDue"/>); a new
/// registration starts that count again even if its start and period equal the old one's.
/// </summary>
public sealed class GrainTimers
{
    private readonly SortedDictionary<string, GrainTimerState> _timers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _written = new(StringComparer.Ordinal);
    private long _now;

    public IReadOnlyCollection<KeyValuePair<string, GrainTimerState>> All => _timers;

    /// <summary>Message time of the turn in progress; registration starts counting from it.</summary>
    internal void SetTurnTime(long timestamp) => _now = timestamp;

    public void Register(string name, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var periodMs = (long)period.TotalMilliseconds;
        ArgumentOutOfRangeException.ThrowIfLessThan(periodMs, 1, nameof(period));
        _timers[name] = new GrainTimerState(periodMs, _now, LastTick: 0);
        _written.Remove(name);
    }

    public void Unregister(string name)
    {
        _timers.Remove(name);
        _written.Remove(name);
    }

    public bool IsRegistered(string name) => _timers.ContainsKey(name);

    /// <summary>
    /// True if tick <paramref name="tick"/>, due at <paramref name="dueTime"/>, is the next one of the timer's current
    /// registration; then records it.
    /// </summary>
    internal bool TryApply(string name, long tick, long dueTime)
    {
        if (!_timers.TryGetValue(name, out var state) || tick != state.LastTick + 1 || dueTime != state.DueTime(tick)) return false;
        _timers[name] = state with { LastTick = tick };
        return true;
    }

    /// <summary>
    /// Appends the ticks due by <paramref name="now"/> (wall clock, epoch ms) that were not handed out before, in order,
    /// and counts them as written. Ticks handed out but lost (a restart) are handed out again from the last applied one.
    /// </summary>
    internal void CollectDue(long now, List<TimerTick> due)
    {
        foreach (var (name, timer) in _timers)
        {
            var written = Math.Max(_written.GetValueOrDefault(name), timer.LastTick);
            while (timer.DueTime(written + 1) <= now)
            {
                written++;
                due.Add(new TimerTick(name, written, timer.DueTime(written)));
            }
            _written[name] = written;
        }
    }

    public Dictionary<string, GrainTimerState> Export() => new(_timers, StringComparer.Ordinal);

    public void Import(IReadOnlyDictionary<string, GrainTimerState>? timers)
    {
        _timers.Clear();
        _written.Clear();
        if (timers is null) return;
        foreach (var (name, state) in timers) _timers[name] = state;
    }
}

/// <summary>Persisted state of one timer.</summary>
public sealed record GrainTimerState(long PeriodMs, long StartedAt, long LastTick)
{
    public long DueTime(long tick) => StartedAt + tick * PeriodMs;
}
