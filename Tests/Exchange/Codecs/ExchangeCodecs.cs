using System.Reflection;
using System.Text.Json;
using Trading.Grains.Interfaces.Exchange.Codecs;
using Trading.Runtime.Messaging;

namespace Trading.Tests.Exchange.Codecs;

/// <summary>Every codec of the contracts assembly, found by reflection (a new codec is tested without being listed), and helpers.</summary>
internal static class ExchangeCodecs
{
    public static IReadOnlyList<IMessageCodec> All { get; } = typeof(BookEventCodec).Assembly.GetTypes()
        .Where(t => typeof(IMessageCodec).IsAssignableFrom(t) && !t.IsAbstract)
        .Select(t => (IMessageCodec)t.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!)
        .OrderBy(c => c.Type.Name, StringComparer.Ordinal)
        .ToArray();

    /// <summary>One registry that reads and writes every codec's type: the codecs on their own, without the grains' choices.</summary>
    public static MessageTypeRegistry Registry()
    {
        var registry = new MessageTypeRegistry();
        foreach (var codec in All) registry.Register(codec.Type, null, codec);
        return registry;
    }

    public static IMessageCodec For(Type type) => All.Single(c => c.Type == type);

    public static TheoryData<string> TypeNames()
    {
        var data = new TheoryData<string>();
        foreach (var codec in All) data.Add(codec.Type.Name);
        return data;
    }

    public static Type TypeNamed(string name) => All.Single(c => c.Type.Name == name).Type;

    public static byte[] Encode(object message)
    {
        using var writer = new MessageWriter();
        For(message.GetType()).Write(writer, message);
        return writer.ToArray();
    }

    public static object Decode(Type type, byte[] bytes)
    {
        var reader = new MessageReader(bytes);
        var message = For(type).Read(ref reader);
        reader.EnsureEnd();
        return message;
    }

    public static string Json(object message) => JsonSerializer.Serialize(message, message.GetType(), MessageTypeRegistry.JsonOptions);
}
