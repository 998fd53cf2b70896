namespace Trading.Grains.Interfaces.Snapshots;

/// <summary>Values of <see cref="MatchEngineSnapshot.EngineStatus"/>.</summary>
public static class EngineStatuses
{
    public const string Running = "RUNNING";
    public const string Paused = "PAUSED";
    public const string Recovering = "RECOVERING";
}
