using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trading.Runtime.Messaging;

/// <summary>
/// Maps message type names to CLR types and (de)serializes payloads as JSON. Names are stable
/// strings chosen at registration (default: the type's name), so renaming a class does not
/// orphan records already in the log.
/// </summary>
public sealed class MessageTypeRegistry
{
    private readonly ConcurrentDictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, string> _byType = new();

    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    public MessageTypeRegistry Register<T>(string? name = null) => Register(typeof(T), name);

    public MessageTypeRegistry Register(Type type, string? name = null)
    {
        name ??= type.Name;
        if (_byName.TryGetValue(name, out var existing) && existing != type)
            throw new InvalidOperationException($"Message type name '{name}' is already used by {existing.FullName}.");
        _byName[name] = type;
        _byType[type] = name;
        return this;
    }

    /// <summary>The registered name, or the CLR type name for types registered only on the receiving side.</summary>
    public string NameOf(Type type) => _byType.TryGetValue(type, out var name) ? name : type.Name;

    public bool TryNameOf(Type type, out string name) => _byType.TryGetValue(type, out name!);

    public bool TryResolve(string name, out Type type) => _byName.TryGetValue(name, out type!);

    public byte[] Serialize(object message) => JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), JsonOptions);

    /// <exception cref="FormatException">Unknown type name or a payload that does not parse.</exception>
    public object Deserialize(string typeName, byte[] payload)
    {
        if (!TryResolve(typeName, out var type)) throw new FormatException($"Unknown message type '{typeName}'.");
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

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
