using Trading.Grains.Interfaces.Snapshots;
using Trading.Grains.Symbols;

namespace Trading.Grains.Exchange.Snapshots;

/// <summary>
/// What a snapshot is built from: the checkpoint states the grains captured at the barrier, the symbol registry's
/// specs and the offsets section the coordinator read.
/// </summary>
public sealed record SnapshotCapture
{
    public required string SnapshotId { get; init; }
    /// <summary>Epoch milliseconds of the snapshot.</summary>
    public required long Timestamp { get; init; }
    public string EngineStatus { get; init; } = EngineStatuses.Running;
    /// <summary>OrderBook grain states by symbol (states without a spec, i.e. unconfigured books, are left out).</summary>
    public required IReadOnlyDictionary<string, OrderBookGrainState> Books { get; init; }
    /// <summary>Position grain states by user id.</summary>
    public required IReadOnlyDictionary<long, PositionGrainState> Positions { get; init; }
    /// <summary>The symbol registry's specs (<see cref="SymbolRegistryState.Symbols"/>).</summary>
    public required IReadOnlyDictionary<string, SymbolSpec> Symbols { get; init; }
    /// <summary>Per topic (see <see cref="KafkaOffsetRecord.FromPartitions"/>).</summary>
    public IReadOnlyDictionary<string, KafkaOffsetRecord> KafkaOffsets { get; init; } = new Dictionary<string, KafkaOffsetRecord>();
    public EngineStateReference? EngineState { get; init; }
}
