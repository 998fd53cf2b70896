using Trading.Runtime.Grains;

namespace Trading.Benchmarks.Runtime.TestGrains;

public sealed class CounterState
{
    public long Count { get; set; }
    public long Ticks { get; set; }
    public long LastTick { get; set; }
    public bool TickGap { get; set; }
}

public sealed class CounterGrain(CounterGrainSettings settings) : Grain<CounterState>, ICounterGrain
{
    public const string TypeName = "Counter";

    public override Task OnMessageAsync(object message, IMessageContext context)
    {
        switch (message)
        {
            case Increment inc:
                State.Count += inc.Amount;
                if (settings.EventsTopic is { } topic) context.Emit(topic, Key, new Counted(Key, State.Count));
                break;
            case GetCount:
                context.Reply(new CountReply(State.Count, State.Ticks, State.LastTick, State.TickGap));
                break;
            case StartTicking start:
                RegisterTimer("tick", TimeSpan.FromMilliseconds(start.PeriodMs));
                State.LastTick = 0; // a new registration counts its ticks from 1
                break;
            case StopTicking:
                UnregisterTimer("tick");
                break;
            default:
                throw new ArgumentException($"unexpected message {message.GetType().Name}");
        }
        return Task.CompletedTask;
    }

    public override Task OnTimerAsync(string name, long tick, IMessageContext context)
    {
        if (tick != State.LastTick + 1) State.TickGap = true;
        State.LastTick = tick;
        State.Ticks++;
        return Task.CompletedTask;
    }
}

/// <summary>Where the counter emits its events (null: it emits none).</summary>
public sealed record CounterGrainSettings(string? EventsTopic);
