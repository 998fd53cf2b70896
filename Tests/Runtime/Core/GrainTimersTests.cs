using Trading.Runtime.Grains;

namespace Trading.Tests.Runtime.Core;

public sealed class GrainTimersTests
{
    private static List<TimerTick> Due(GrainTimers timers, long now)
    {
        var due = new List<TimerTick>();
        timers.CollectDue(now, due);
        return due;
    }

    private static GrainTimers Registered(long at, int periodMs, string name = "t")
    {
        var timers = new GrainTimers();
        timers.SetTurnTime(at);
        timers.Register(name, TimeSpan.FromMilliseconds(periodMs));
        return timers;
    }

    [Fact]
    public void Due_ticks_are_handed_out_once_in_order_with_their_due_times()
    {
        var timers = Registered(at: 1_000, periodMs: 100);
        Assert.Empty(Due(timers, 1_099));
        Assert.Equal([(1L, 1_100L), (2L, 1_200L)], Due(timers, 1_250).Select(t => (t.Tick, t.DueTime)));
        Assert.Empty(Due(timers, 1_250));
        Assert.Equal([3L], Due(timers, 1_300).Select(t => t.Tick));
    }

    [Fact]
    public void Ticks_apply_once_in_order_and_only_with_their_registrations_due_time()
    {
        var timers = Registered(at: 1_000, periodMs: 100);
        Assert.False(timers.TryApply("t", 2, 1_200)); // not the next one
        Assert.False(timers.TryApply("t", 1, 1_050)); // a tick of another registration
        Assert.True(timers.TryApply("t", 1, 1_100));
        Assert.False(timers.TryApply("t", 1, 1_100)); // a replay
        Assert.True(timers.TryApply("t", 2, 1_200));
        Assert.False(timers.TryApply("other", 1, 1_100));
    }

    [Fact]
    public void A_timer_registered_again_at_the_same_time_with_the_same_period_counts_from_one_again()
    {
        // The old registration's ticks 1..3 were written and applied; the new one, identical in start and period,
        // must be handed tick 1 again (counting on from 3 would leave the grain waiting for a tick 1 that never comes).
        var timers = Registered(at: 1_000, periodMs: 100);
        foreach (var tick in Due(timers, 1_300)) Assert.True(timers.TryApply("t", tick.Tick, tick.DueTime));
        timers.Unregister("t");
        Assert.Empty(Due(timers, 1_300));
        timers.SetTurnTime(1_000);
        timers.Register("t", TimeSpan.FromMilliseconds(100));
        var again = Due(timers, 1_300);
        Assert.Equal([1L, 2L, 3L], again.Select(t => t.Tick));
        Assert.True(timers.TryApply("t", 1, again[0].DueTime));
    }

    [Fact]
    public void A_new_period_starts_at_the_turn_that_registered_it()
    {
        var timers = Registered(at: 1_000, periodMs: 100);
        Due(timers, 1_500);
        timers.SetTurnTime(1_520);
        timers.Register("t", TimeSpan.FromMilliseconds(50));
        Assert.Equal([(1L, 1_570L), (2L, 1_620L)], Due(timers, 1_640).Select(t => (t.Tick, t.DueTime)));
        Assert.False(timers.TryApply("t", 1, 1_100)); // the old registration's tick 1, still in the log
        Assert.True(timers.TryApply("t", 1, 1_570));
    }

    [Fact]
    public void After_a_restore_ticks_are_handed_out_again_from_the_last_applied_one()
    {
        var timers = Registered(at: 1_000, periodMs: 100);
        foreach (var tick in Due(timers, 1_200)) timers.TryApply("t", tick.Tick, tick.DueTime);
        Due(timers, 1_400); // ticks 3 and 4 written, then the silo stops before applying them

        var restored = new GrainTimers();
        restored.Import(timers.Export());
        Assert.Equal([3L, 4L], Due(restored, 1_400).Select(t => t.Tick));
    }
}
