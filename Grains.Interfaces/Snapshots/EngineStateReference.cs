namespace Trading.Grains.Interfaces.Snapshots;

/// <summary>
/// Where the grains' own checkpoint states of the snapshot are kept (filled by the snapshot coordinator; the
/// document model does not interpret it beyond the coverage check: one part per partition of every grain topic).
/// </summary>
public sealed record EngineStateReference
{
    public IReadOnlyList<EngineStatePart> Parts { get; init; } = [];
}

/// <summary>
/// The states of the grains of one grain type and input partition, captured at <see cref="BarrierOffset"/> of that
/// partition: <see cref="Grains"/> grains, <see cref="Checksum"/> over the stored part.
/// </summary>
public sealed record EngineStatePart(string GrainType, string Topic, int Partition, long BarrierOffset, int Grains, string Checksum);
