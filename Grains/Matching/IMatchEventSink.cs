namespace Trading.Grains.Matching;

/// <summary>
/// Receiver of book events. Implement it on a struct and pass it by <c>ref</c>: the JIT specialises the
/// book's generic methods per sink type, so events are delivered without allocation or interface dispatch.
/// The event is only valid during the call; copy what you keep.
/// </summary>
public interface IMatchEventSink
{
    void OnEvent(in MatchEvent e);
}

/// <summary>A sink that drops every event.</summary>
public struct NullEventSink : IMatchEventSink
{
    public readonly void OnEvent(in MatchEvent e) { }
}
