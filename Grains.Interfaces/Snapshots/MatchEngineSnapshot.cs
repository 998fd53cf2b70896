using System.Text.Json.Serialization;

namespace Trading.Grains.Interfaces.Snapshots;

/// <summary>
/// The snapshot document of the matching engine (the seed's <c>MatchEngineSnapshot</c>): every book, order,
/// position, lock, account and symbol at one barrier-aligned point, the Kafka offsets of that point, counters and
/// per-section checksums (<see cref="SnapshotChecksums"/>). Maps are written with their keys in canonical order;
/// <see cref="SnapshotValidator"/> checks a document.
/// </summary>
public sealed record MatchEngineSnapshot
{
    public string? SnapshotId { get; init; }
    /// <summary>Epoch milliseconds of the snapshot.</summary>
    public long? Timestamp { get; init; }
    /// <summary><see cref="Timestamp"/> as ISO-8601 UTC (<see cref="SnapshotJson.IsoTime"/>).</summary>
    public string? SnapshotTime { get; init; }
    /// <summary>State of the engine when the snapshot was taken (RUNNING, PAUSED, RECOVERING, ...).</summary>
    public string? EngineStatus { get; init; }

    /// <summary>Per symbol.</summary>
    [JsonConverter(typeof(OrdinalMapConverter<OrderBookRecord>))]
    public IReadOnlyDictionary<string, OrderBookRecord> OrderBookSnapshots { get; init; } = new Dictionary<string, OrderBookRecord>();

    /// <summary>Keyed <c>{userId}_{symbol}</c> (<see cref="PositionRecord.KeyOf"/>).</summary>
    [JsonConverter(typeof(OrdinalMapConverter<PositionRecord>))]
    public IReadOnlyDictionary<string, PositionRecord> PositionSnapshots { get; init; } = new Dictionary<string, PositionRecord>();

    /// <summary>Every open order (books' and accounts') and the recent finished ones the accounts remember, by order id.</summary>
    public IReadOnlyList<OrderRecord> OrderSnapshots { get; init; } = [];

    /// <summary>One per locking order, by user id, symbol and lock sequence.</summary>
    public IReadOnlyList<PositionLockRecord> PositionLockSnapshots { get; init; } = [];

    /// <summary>Per symbol.</summary>
    [JsonConverter(typeof(OrdinalMapConverter<SymbolRecord>))]
    public IReadOnlyDictionary<string, SymbolRecord> SymbolSnapshots { get; init; } = new Dictionary<string, SymbolRecord>();

    public MemoryStats MemoryStats { get; init; } = new();

    /// <summary>Per topic.</summary>
    [JsonConverter(typeof(OrdinalMapConverter<KafkaOffsetRecord>))]
    public IReadOnlyDictionary<string, KafkaOffsetRecord> KafkaOffsetSnapshots { get; init; } = new Dictionary<string, KafkaOffsetRecord>();

    /// <summary>Balances per user (key: the user id).</summary>
    [JsonConverter(typeof(OrdinalMapConverter<AccountRecord>))]
    public IReadOnlyDictionary<string, AccountRecord> AccountSnapshots { get; init; } = new Dictionary<string, AccountRecord>();

    /// <summary>Where the grains' checkpoint states are kept; null when the document stands alone.</summary>
    public EngineStateReference? EngineState { get; init; }

    /// <summary>Section name -> lowercase hex SHA-256 of the section's canonical JSON (<see cref="SnapshotChecksums"/>).</summary>
    [JsonConverter(typeof(OrdinalMapConverter<string>))]
    public IReadOnlyDictionary<string, string> Checksums { get; init; } = new Dictionary<string, string>();
}
