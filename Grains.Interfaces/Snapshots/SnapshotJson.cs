using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Trading.Runtime.Messaging;

namespace Trading.Grains.Interfaces.Snapshots;

/// <summary>
/// JSON of the snapshot document: the project's options (<see cref="MessageTypeRegistry.JsonOptions"/>: web
/// defaults, camelCase, string enums). Prices, quantities and money are decimal strings (<see cref="DecimalText"/>)
/// that keep their scale, so a document read back serializes to the same bytes.
/// </summary>
public static class SnapshotJson
{
    /// <summary>Number handling of every decimal field: written as a string, read from a string or a number.</summary>
    public const JsonNumberHandling DecimalText = JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString;

    /// <summary>The options the document is written and read with.</summary>
    public static JsonSerializerOptions Options => MessageTypeRegistry.JsonOptions;

    public static byte[] Serialize(MatchEngineSnapshot snapshot) => JsonSerializer.SerializeToUtf8Bytes(snapshot, Options);

    public static void Serialize(Stream stream, MatchEngineSnapshot snapshot) => JsonSerializer.Serialize(stream, snapshot, Options);

    /// <summary>Reads a document; throws <see cref="JsonException"/> naming the path of malformed JSON.</summary>
    public static MatchEngineSnapshot Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<MatchEngineSnapshot>(json, Options) ?? throw new JsonException("the snapshot document is null");

    /// <summary>ISO-8601 UTC with milliseconds of an epoch-millisecond time: <c>2026-12-01T10:00:00.000Z</c>.</summary>
    public static string IsoTime(long epochMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
