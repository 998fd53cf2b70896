using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using Trading.Runtime.Messaging;

namespace Trading.Runtime.Grains;

/// <summary>
/// What the runtime stores in a grain checkpoint beside the offset: state, timers, dedup windows. Version 3 is binary
/// throughout: a marker byte, the state's length and bytes (no base64), then the timers and dedup windows in
/// <see cref="CheckpointBookkeeping"/>'s form. JSON states of <see cref="CompressAbove"/> bytes or more are stored
/// Deflate-compressed (fastest level): they shrink 4-17 fold, which is what checkpoints, snapshots and recoveries move
/// through Redis. Binary states (<see cref="GrainStateFormat"/>) are stored as they are: a book of 100,000 orders is
/// 2.1 MB, as small as its compressed JSON, and Deflate would cost 4.6 ms to write and 5.8 ms to read it back for 2.7 ms
/// less Redis time per write and read (an account of 1 KB: 10 us for 2 us). Still read: version 2 (the same, with the
/// timers and dedup windows as JSON, where a dedup window of 4,096 sequences took 80 KB) and version 1 (all JSON, the
/// state base64-encoded).
/// </summary>
public sealed record GrainCheckpointPayload(
    int Version,
    byte[]? State,
    Dictionary<string, GrainTimerState>? Timers,
    Dictionary<string, DedupSourceState>? Dedup)
{
    public const int CurrentVersion = 3;
    // Markers are never the first byte of JSON text (version 1). Version 2 wrote its bookkeeping as JSON.
    private const byte JsonBookkeepingMarker = 0xC2, CompressedJsonBookkeepingMarker = 0xC3;
    private const byte BinaryMarker = 0xC4, CompressedMarker = 0xC5;
    public const int CompressAbove = 1024;

    /// <summary>Version 2's JSON bookkeeping, read only.</summary>
    private sealed record Bookkeeping(Dictionary<string, GrainTimerState>? Timers, Dictionary<string, DedupSourceState>? Dedup);

    public byte[] Encode()
    {
        var compress = State is { Length: >= CompressAbove } && !GrainStateFormat.IsBinary(State);
        var state = compress ? Deflate(State!) : State;
        var stateLength = state?.Length ?? -1;
        var rest = MessageWriter.Rent();
        try
        {
            CheckpointBookkeeping.Write(rest, Timers, Dedup);
            var bytes = new byte[1 + 4 + Math.Max(0, stateLength) + rest.WrittenCount];
            bytes[0] = compress ? CompressedMarker : BinaryMarker;
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(1), stateLength);
            state?.CopyTo(bytes, 5);
            rest.WrittenSpan.CopyTo(bytes.AsSpan(5 + Math.Max(0, stateLength)));
            return bytes;
        }
        finally
        {
            MessageWriter.Return(rest);
        }
    }

    /// <summary>The compression of large JSON states (internal for the state-codec benchmark, which weighs it on binary ones).</summary>
    internal static byte[] Deflate(byte[] raw)
    {
        using var output = new MemoryStream(raw.Length / 4 + 64);
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true)) deflate.Write(raw);
        return output.ToArray();
    }

    internal static byte[] Inflate(ReadOnlySpan<byte> compressed)
    {
        try
        {
            using var deflate = new DeflateStream(new MemoryStream(compressed.ToArray(), writable: false), CompressionMode.Decompress);
            using var output = new MemoryStream(compressed.Length * 5);
            deflate.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new FormatException($"Grain checkpoint state does not inflate: {e.Message}", e);
        }
    }

    /// <exception cref="FormatException">Not a checkpoint payload of a known version.</exception>
    public static GrainCheckpointPayload Decode(byte[] bytes)
    {
        if (bytes.Length > 0 && bytes[0] is BinaryMarker or CompressedMarker or JsonBookkeepingMarker or CompressedJsonBookkeepingMarker)
        {
            if (bytes.Length < 5) throw new FormatException("Truncated grain checkpoint payload.");
            var stateLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(1));
            if (stateLength < -1 || 5 + Math.Max(0, stateLength) > bytes.Length) throw new FormatException("Grain checkpoint state length out of range.");
            var compressed = bytes[0] is CompressedMarker or CompressedJsonBookkeepingMarker;
            var state = stateLength < 0 ? null
                : compressed ? Inflate(bytes.AsSpan(5, stateLength)) : bytes.AsSpan(5, stateLength).ToArray();
            var rest = bytes.AsSpan(5 + Math.Max(0, stateLength));
            if (bytes[0] is BinaryMarker or CompressedMarker)
            {
                var (timers, dedup) = CheckpointBookkeeping.Read(rest);
                return new GrainCheckpointPayload(CurrentVersion, state, timers, dedup);
            }
            Bookkeeping? json;
            try
            {
                json = JsonSerializer.Deserialize<Bookkeeping>(rest, MessageTypeRegistry.JsonOptions);
            }
            catch (JsonException e)
            {
                throw new FormatException($"Grain checkpoint bookkeeping unreadable: {e.Message}", e);
            }
            return new GrainCheckpointPayload(2, state, json?.Timers, json?.Dedup);
        }
        GrainCheckpointPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<GrainCheckpointPayload>(bytes, MessageTypeRegistry.JsonOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Grain checkpoint payload unreadable: {e.Message}", e);
        }
        if (payload is null) throw new FormatException("Empty grain checkpoint payload.");
        if (payload.Version != 1) throw new FormatException($"Unknown grain checkpoint payload version {payload.Version}.");
        return payload;
    }
}
