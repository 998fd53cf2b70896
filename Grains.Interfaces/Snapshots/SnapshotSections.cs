using System.Text.Json;

namespace Trading.Grains.Interfaces.Snapshots;

/// <summary>The checksummed sections of a <see cref="MatchEngineSnapshot"/>, by their JSON names.</summary>
public static class SnapshotSections
{
    public const string OrderBooks = "orderBookSnapshots";
    public const string Positions = "positionSnapshots";
    public const string Orders = "orderSnapshots";
    public const string PositionLocks = "positionLockSnapshots";
    public const string Symbols = "symbolSnapshots";
    public const string MemoryStats = "memoryStats";
    public const string KafkaOffsets = "kafkaOffsetSnapshots";
    public const string Accounts = "accountSnapshots";
    public const string EngineState = "engineState";

    /// <summary>Every section, in ordinal order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Accounts, EngineState, KafkaOffsets, MemoryStats, OrderBooks, Orders, PositionLocks, Positions, Symbols];

    private static readonly OrdinalMapConverter<OrderBookRecord> BookMap = new();
    private static readonly OrdinalMapConverter<PositionRecord> PositionMap = new();
    private static readonly OrdinalMapConverter<SymbolRecord> SymbolMap = new();
    private static readonly OrdinalMapConverter<KafkaOffsetRecord> TopicMap = new();
    private static readonly OrdinalMapConverter<AccountRecord> AccountMap = new();

    /// <summary>
    /// Writes one section's canonical JSON: the project's options, maps in canonical key order; exactly the bytes the
    /// section has inside the serialized document.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, MatchEngineSnapshot s, string section)
    {
        var options = SnapshotJson.Options;
        switch (section)
        {
            case OrderBooks: WriteMap(writer, BookMap, s.OrderBookSnapshots, options); break;
            case Positions: WriteMap(writer, PositionMap, s.PositionSnapshots, options); break;
            case Orders: JsonSerializer.Serialize(writer, s.OrderSnapshots, options); break;
            case PositionLocks: JsonSerializer.Serialize(writer, s.PositionLockSnapshots, options); break;
            case Symbols: WriteMap(writer, SymbolMap, s.SymbolSnapshots, options); break;
            case MemoryStats: JsonSerializer.Serialize(writer, s.MemoryStats, options); break;
            case KafkaOffsets: WriteMap(writer, TopicMap, s.KafkaOffsetSnapshots, options); break;
            case Accounts: WriteMap(writer, AccountMap, s.AccountSnapshots, options); break;
            case EngineState: JsonSerializer.Serialize(writer, s.EngineState, options); break;
            default: throw new ArgumentException($"unknown section {section}", nameof(section));
        }
    }

    private static void WriteMap<T>(Utf8JsonWriter writer, OrdinalMapConverter<T> converter, IReadOnlyDictionary<string, T>? map,
        JsonSerializerOptions options)
    {
        if (map is null) writer.WriteNullValue();
        else converter.Write(writer, map, options);
    }
}
