using System.Globalization;
using System.Text.Json;
using Trading.Grains.Exchange;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Runtime.Grains;
using Trading.Runtime.Messaging;
using Trading.Runtime.Snapshots;

namespace Trading.Silo.Snapshots;

/// <summary>The exchange grains' states of one snapshot, decoded from its parts.</summary>
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
            case ExchangeGrainTypes.OrderBook: Books[entry.Key] = Decode<OrderBookGrainState>(state); break;
            case ExchangeGrainTypes.Position: Positions[long.Parse(entry.Key, CultureInfo.InvariantCulture)] = Decode<PositionGrainState>(state); break;
            case ExchangeGrainTypes.SymbolRegistry: Symbols = Decode<SymbolRegistryState>(state); break;
        }
    }

    private static T Decode<T>(byte[] state) =>
        JsonSerializer.Deserialize<T>(state, MessageTypeRegistry.JsonOptions) ?? throw new FormatException($"Empty {typeof(T).Name}.");
}
