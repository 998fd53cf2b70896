namespace Trading.Grains.Matching;

/// <summary>A sink that appends copies of every event to a list (tests, grains that batch outputs).</summary>
public readonly struct EventRecorder(List<MatchEvent> events) : IMatchEventSink
{
    /// <summary>The list events are appended to.</summary>
    public List<MatchEvent> Events { get; } = events;

    public EventRecorder() : this(new List<MatchEvent>()) { }

    public void OnEvent(in MatchEvent e) => Events.Add(e);
}
