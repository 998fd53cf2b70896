using System.Text.Json;
using Trading.Runtime.Messaging;

namespace Trading.Runtime.Grains;

/// <summary>What the runtime stores in a grain checkpoint beside the offset: state, timers, dedup windows.</summary>
public sealed record GrainCheckpointPayload(
    int Version,
    byte[]? State,
    Dictionary<string, GrainTimerState>? Timers,
    Dictionary<string, DedupSourceState>? Dedup)
{
    public const int CurrentVersion = 1;

    public byte[] Encode() => JsonSerializer.SerializeToUtf8Bytes(this, MessageTypeRegistry.JsonOptions);

    public static GrainCheckpointPayload Decode(byte[] bytes)
    {
        var payload = JsonSerializer.Deserialize<GrainCheckpointPayload>(bytes, MessageTypeRegistry.JsonOptions)
                      ?? throw new FormatException("Empty grain checkpoint payload.");
        if (payload.Version != CurrentVersion)
            throw new FormatException($"Unknown grain checkpoint payload version {payload.Version}.");
        return payload;
    }
}
