using System.Globalization;
using Trading.Grains.Exchange;
using Trading.Grains.Exchange.Codecs;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Runtime.Grains;
using Trading.Runtime.Snapshots;

namespace Trading.Silo.Snapshots;

/// <summary>
/// The exchange grains' states of one snapshot, decoded from its parts with the codecs their grains checkpoint with
/// (binary books and accounts, JSON registry; older JSON checkpoints of any of them still read).
/// </summary>
internal sealed class EngineStates
{
    public SortedDictionary<string, OrderBookGrainState> Books { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<long, PositionGrainState> Positions { get; } = new();
    public SymbolRegistryState? Symbols { get; set; }
    public int Grains { get; private set; }

    /// <summary>Reads (and checks) every part of the snapshot.</summary>
    public static async Task<List<(string GrainType, IReadOnlyList<SnapshotEntry> Entries)>> ReadPartsAsync(SnapshotReader reader, SnapshotStatus manifest)
    {
        var parts = new List<(string, IReadOnlyList<SnapshotEntry>)>(manifest.Parts.Count);
        foreach (var report in manifest.Parts)
            parts.Add((report.GrainType, await reader.ReadAsync(report, manifest.BaseSnapshotId).ConfigureAwait(false)));
        return parts;
    }

    public static EngineStates Decode(List<(string GrainType, IReadOnlyList<SnapshotEntry> Entries)> parts)
    {
        var states = new EngineStates();
        foreach (var (type, entries) in parts)
            foreach (var entry in entries) states.Add(type, entry);
        return states;
    }

    private void Add(string grainType, SnapshotEntry entry)
    {
        var state = GrainCheckpointPayload.Decode(entry.Payload).State;
        if (state is null) return;
        Grains++;
        switch (grainType)
        {
            case ExchangeGrainTypes.OrderBook: Books[entry.Key] = Decode(state, OrderBookGrainStateCodec.Instance); break;
            case ExchangeGrainTypes.Position: Positions[long.Parse(entry.Key, CultureInfo.InvariantCulture)] = Decode(state, PositionGrainStateCodec.Instance); break;
            case ExchangeGrainTypes.SymbolRegistry: Symbols = Decode<SymbolRegistryState>(state, null); break;
        }
    }

    private static T Decode<T>(byte[] state, IStateCodec<T>? codec) where T : class =>
        GrainStateFormat.Deserialize(state, codec) ?? throw new FormatException($"Empty {typeof(T).Name}.");
}
