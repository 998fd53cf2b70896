using System.Text.Json;
using Trading.Runtime.Messaging;

namespace Trading.Runtime.Grains;

/// <summary>
/// The one place that knows the two forms of a grain state in a checkpoint: <see cref="BinaryMarker"/> followed by an
/// <see cref="IStateCodec{TState}"/>'s bytes (version byte, fields), or JSON (System.Text.Json, the default, and what
/// every checkpoint written before a state had a codec holds; no JSON text starts with a zero byte). The grains, the
/// snapshot document builder and every other reader of checkpoint states decode through <see cref="Deserialize{T}"/>,
/// so an old JSON checkpoint keeps loading after its grain gained a codec.
/// </summary>
public static class GrainStateFormat
{
    /// <summary>The first byte of a binary state.</summary>
    public const byte BinaryMarker = 0x00;

    /// <summary>True when <paramref name="state"/> is in the binary form (as opposed to JSON).</summary>
    public static bool IsBinary(ReadOnlySpan<byte> state) => state.Length > 0 && state[0] == BinaryMarker;

    /// <summary>The state's checkpoint bytes: binary with <paramref name="codec"/>, JSON without.</summary>
    public static byte[] Serialize<T>(T state, IStateCodec<T>? codec) where T : class
    {
        if (codec is null) return JsonSerializer.SerializeToUtf8Bytes(state, MessageTypeRegistry.JsonOptions);
        var writer = MessageWriter.Rent(); // the thread's buffer: a state allocates only its result (a large one grows a pooled buffer)
        try
        {
            writer.WriteByte(BinaryMarker);
            codec.Write(writer, state);
            return writer.ToArray();
        }
        finally
        {
            MessageWriter.Return(writer);
        }
    }

    /// <summary>
    /// Reads checkpoint bytes in either form: binary ones with <paramref name="codec"/>, anything else as JSON. Null only
    /// for the JSON text <c>null</c>.
    /// </summary>
    /// <exception cref="FormatException">Truncated or invalid bytes, an unknown layout version, bytes left over after the
    /// state, a binary state without a codec to read it, or JSON that does not parse.</exception>
    public static T? Deserialize<T>(ReadOnlySpan<byte> state, IStateCodec<T>? codec) where T : class
    {
        if (IsBinary(state))
        {
            if (codec is null) throw new FormatException($"{typeof(T).Name} state is binary, but no codec reads it.");
            var reader = new MessageReader(state[1..]);
            var value = codec.Read(ref reader);
            reader.EnsureEnd();
            return value;
        }
        try
        {
            return JsonSerializer.Deserialize<T>(state, MessageTypeRegistry.JsonOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{typeof(T).Name} state is not valid JSON: {e.Message}", e);
        }
    }
}
