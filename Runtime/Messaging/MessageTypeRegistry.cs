using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trading.Runtime.Messaging;

/// <summary>
/// Maps message type names to CLR types and (de)serializes payloads. Names are stable strings chosen at
/// registration (default: the type's name), so renaming a class does not orphan records already in the log.
/// A type registered with an <see cref="IMessageCodec"/> is written as <see cref="BinaryMarker"/> followed by
/// the codec's bytes (a JSON payload never starts with a zero byte); every other type is JSON. Reading looks at
/// the first byte, so JSON payloads written before a type had a codec stay readable.
/// </summary>
public sealed class MessageTypeRegistry
{
    /// <summary>The first byte of a binary payload.</summary>
    public const byte BinaryMarker = 0x00;

    private readonly ConcurrentDictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, string> _byType = new();
    private readonly ConcurrentDictionary<Type, IMessageCodec> _writeCodecs = new();
    private readonly ConcurrentDictionary<Type, IMessageCodec> _readCodecs = new();

    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    [ThreadStatic] private static Utf8JsonWriter? t_json;

    public MessageTypeRegistry Register<T>(string? name = null) => Register(typeof(T), name);

    /// <summary>Registers <typeparamref name="T"/>, written and read with <paramref name="codec"/>.</summary>
    public MessageTypeRegistry Register<T>(MessageCodec<T> codec, string? name = null) where T : class => Register(typeof(T), name, codec);

    public MessageTypeRegistry Register(Type type, string? name = null)
    {
        name ??= type.Name;
        if (_byName.TryGetValue(name, out var existing) && existing != type)
            throw new InvalidOperationException($"Message type name '{name}' is already used by {existing.FullName}.");
        _byName[name] = type;
        _byType[type] = name;
        return this;
    }

    /// <summary>Registers <paramref name="type"/>, written and read with <paramref name="codec"/>.</summary>
    public MessageTypeRegistry Register(Type type, string? name, IMessageCodec codec)
    {
        CheckCodec(type, codec);
        Register(type, name);
        _writeCodecs[type] = codec;
        _readCodecs[type] = codec;
        return this;
    }

    /// <summary>
    /// Registers <typeparamref name="T"/>, still written as JSON (a topic whose records are JSON by contract), while
    /// binary payloads of it are read with <paramref name="codec"/>.
    /// </summary>
    public MessageTypeRegistry RegisterReadOnlyCodec<T>(MessageCodec<T> codec, string? name = null) where T : class
    {
        Register(typeof(T), name);
        _readCodecs[typeof(T)] = codec;
        return this;
    }

    /// <summary>
    /// Writes messages of the codec's type with it without registering the type's name: for what a grain sends
    /// but does not accept (its outputs), so its own input registry does not start resolving them.
    /// </summary>
    public MessageTypeRegistry WriteWith<T>(MessageCodec<T> codec) where T : class
    {
        _writeCodecs[typeof(T)] = codec;
        return this;
    }

    /// <summary>The registered name, or the CLR type name for types registered only on the receiving side.</summary>
    public string NameOf(Type type) => _byType.TryGetValue(type, out var name) ? name : type.Name;

    public bool TryNameOf(Type type, out string name) => _byType.TryGetValue(type, out name!);

    public bool TryResolve(string name, out Type type) => _byName.TryGetValue(name, out type!);

    /// <summary>True when messages of <paramref name="type"/> are written with a binary codec.</summary>
    public bool WritesBinary(Type type) => _writeCodecs.ContainsKey(type);

    public byte[] Serialize(object message)
    {
        if (!_writeCodecs.TryGetValue(message.GetType(), out var codec))
            return JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), JsonOptions);
        var writer = MessageWriter.Rent();
        try
        {
            WriteBinary(writer, codec, message);
            return writer.ToArray();
        }
        finally
        {
            MessageWriter.Return(writer);
        }
    }

    /// <summary>Appends the payload <see cref="Serialize(object)"/> would return to <paramref name="output"/>.</summary>
    public void Serialize(object message, IBufferWriter<byte> output)
    {
        if (!_writeCodecs.TryGetValue(message.GetType(), out var codec))
        {
            // One JSON writer per thread, pointed at each output in turn: JSON outputs (match results) are on the hot path.
            // Reset also clears what a failed earlier call left half written.
            var json = t_json ??= new Utf8JsonWriter(output);
            json.Reset(output);
            JsonSerializer.Serialize(json, message, message.GetType(), JsonOptions);
            return;
        }
        if (output is MessageWriter direct)
        {
            WriteBinary(direct, codec, message);
            return;
        }
        var writer = MessageWriter.Rent();
        try
        {
            WriteBinary(writer, codec, message);
            output.Write(writer.WrittenSpan);
        }
        finally
        {
            MessageWriter.Return(writer);
        }
    }

    /// <exception cref="FormatException">Unknown type name or a payload that does not parse.</exception>
    public object Deserialize(string typeName, byte[] payload) => Deserialize(typeName, payload.AsSpan());

    /// <exception cref="FormatException">Unknown type name or a payload that does not parse.</exception>
    public object Deserialize(string typeName, ReadOnlySpan<byte> payload)
    {
        if (!TryResolve(typeName, out var type)) throw new FormatException($"Unknown message type '{typeName}'.");
        if (!payload.IsEmpty && payload[0] == BinaryMarker) return ReadBinary(typeName, type, payload[1..]);
        try
        {
            return JsonSerializer.Deserialize(payload, type, JsonOptions)
                   ?? throw new FormatException($"Message of type '{typeName}' is null.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"Payload of '{typeName}' does not parse: {e.Message}", e);
        }
    }

    private static void WriteBinary(MessageWriter writer, IMessageCodec codec, object message)
    {
        writer.WriteByte(BinaryMarker);
        codec.Write(writer, message);
    }

    private object ReadBinary(string typeName, Type type, ReadOnlySpan<byte> body)
    {
        if (!_readCodecs.TryGetValue(type, out var codec)) throw new FormatException($"Binary payload of '{typeName}', which has no codec here.");
        var reader = new MessageReader(body);
        var message = codec.Read(ref reader);
        reader.EnsureEnd();
        return message;
    }

    private static void CheckCodec(Type type, IMessageCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        if (codec.Type != type) throw new ArgumentException($"The codec handles {codec.Type.FullName}, not {type.FullName}.", nameof(codec));
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
