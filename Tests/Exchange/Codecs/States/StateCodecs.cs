using System.Text.Json;
using System.Text.Json.Nodes;
using Trading.Grains.Exchange;
using Trading.Grains.Exchange.Codecs;
using Trading.Runtime.Grains;
using Trading.Runtime.Messaging;
using Trading.Tests.Snapshots;

namespace Trading.Tests.Exchange.Codecs.States;

/// <summary>The state codecs under test, real states to feed them, and an order-insensitive JSON to compare decoded states by.</summary>
internal static class StateCodecs
{
    public static byte[] Encode<T>(T state, IStateCodec<T> codec) where T : class => GrainStateFormat.Serialize(state, codec);

    public static T Decode<T>(byte[] bytes, IStateCodec<T> codec) where T : class =>
        GrainStateFormat.Deserialize(bytes, codec) ?? throw new InvalidOperationException("decoded null");

    /// <summary>The checkpoint bytes a grain wrote before its state had a codec.</summary>
    public static byte[] LegacyJson(object state) => JsonSerializer.SerializeToUtf8Bytes(state, state.GetType(), MessageTypeRegistry.JsonOptions);

    /// <summary>
    /// The value as JSON with every object's members sorted by name: dictionaries filled in another order compare equal
    /// (the codecs write them sorted by key), while every value, list order and null still counts.
    /// </summary>
    public static string Canonical(object? value)
    {
        var node = JsonSerializer.SerializeToNode(value, value?.GetType() ?? typeof(object), MessageTypeRegistry.JsonOptions);
        return Sorted(node)?.ToJsonString() ?? "null";
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    /// <summary>
    /// The shared snapshot scenario's states (books with resting, stop and client-id orders and statistics; accounts with
    /// positions, reservations, locks, open and closed orders and trades), with holdings added to the books as the grain
    /// tracks them.
    /// </summary>
    public static (Dictionary<string, OrderBookGrainState> Books, Dictionary<long, PositionGrainState> Positions) Scenario()
    {
        var (books, positions) = SnapshotScenarios.Standard().Capture();
        books["BTCUSDT"].Holdings[SnapshotScenarios.Trader] = 1_200;
        books["BTCUSDT"].Holdings[SnapshotScenarios.Maker] = -1_200;
        books["ETHUSDT"].Holdings[SnapshotScenarios.Shorter] = -1_000;
        books["ETHUSDT"].Holdings[SnapshotScenarios.Maker] = 1_000;
        return (books, positions);
    }

    public static PositionGrainStateCodec Positions => PositionGrainStateCodec.Instance;

    public static OrderBookGrainStateCodec Books => OrderBookGrainStateCodec.Instance;
}
