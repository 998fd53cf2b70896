using Trading.Runtime.Grains;

namespace Trading.Grains.Interfaces.Snapshots;

/// <summary>
/// Takes barrier-aligned snapshots of the engine (single key <see cref="Key"/>): writes a barrier into every
/// partition of the participating grain topics, collects one part report per partition, and publishes the
/// manifest to the <c>snapshots</c> topic once every partition is stored. Input topic:
/// <c>Snapshots:CoordinatorTopic</c>.
/// </summary>
public interface ISnapshotCoordinatorGrain : IGrainWithStringKey
{
    public const string Key = "engine";
}
