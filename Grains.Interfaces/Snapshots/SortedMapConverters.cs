using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Trading.Grains.Interfaces.Snapshots;

/// <summary>
/// Writes a map with its keys in canonical order whatever the dictionary's own order (a single pass checks the
/// order; only an unsorted map is copied and sorted), and reads it into a dictionary that keeps the JSON order.
/// A duplicate key is malformed JSON.
/// </summary>
public abstract class SortedMapConverter<TKey, TValue> : JsonConverter<IReadOnlyDictionary<TKey, TValue>> where TKey : notnull
{
    protected abstract IComparer<TKey> KeyOrder { get; }
    protected abstract string KeyText(TKey key);
    protected abstract TKey ParseKey(string text);

    public override IReadOnlyDictionary<TKey, TValue> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("expected an object (a map)");
        var info = (JsonTypeInfo<TValue>)options.GetTypeInfo(typeof(TValue));
        var map = new Dictionary<TKey, TValue>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var text = reader.GetString()!;
            var key = ParseKey(text);
            reader.Read();
            var value = JsonSerializer.Deserialize(ref reader, info)!;
            if (!map.TryAdd(key, value)) throw new JsonException($"duplicate key '{text}'");
        }
        return map;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<TKey, TValue> value, JsonSerializerOptions options)
    {
        var info = (JsonTypeInfo<TValue>)options.GetTypeInfo(typeof(TValue));
        writer.WriteStartObject();
        if (IsSorted(value))
            foreach (var (key, item) in value) WriteEntry(writer, key, item, info);
        else
        {
            var keys = new TKey[value.Count];
            var i = 0;
            foreach (var key in value.Keys) keys[i++] = key;
            Array.Sort(keys, KeyOrder);
            foreach (var key in keys) WriteEntry(writer, key, value[key], info);
        }
        writer.WriteEndObject();
    }

    private void WriteEntry(Utf8JsonWriter writer, TKey key, TValue item, JsonTypeInfo<TValue> info)
    {
        writer.WritePropertyName(KeyText(key));
        JsonSerializer.Serialize(writer, item, info);
    }

    private bool IsSorted(IReadOnlyDictionary<TKey, TValue> map)
    {
        var first = true;
        TKey previous = default!;
        foreach (var key in map.Keys)
        {
            if (!first && KeyOrder.Compare(previous, key) >= 0) return false;
            previous = key;
            first = false;
        }
        return true;
    }
}

/// <summary>A map keyed by text, keys in ordinal order.</summary>
public sealed class OrdinalMapConverter<TValue> : SortedMapConverter<string, TValue>
{
    protected override IComparer<string> KeyOrder => StringComparer.Ordinal;
    protected override string KeyText(string key) => key;
    protected override string ParseKey(string text) => text;
}

/// <summary>A map keyed by a partition number, keys in numeric order.</summary>
public sealed class PartitionMapConverter<TValue> : SortedMapConverter<int, TValue>
{
    protected override IComparer<int> KeyOrder => Comparer<int>.Default;
    protected override string KeyText(int key) => key.ToString(CultureInfo.InvariantCulture);

    protected override int ParseKey(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : throw new JsonException($"partition key '{text}' is not a number");
}

/// <summary>Builds maps whose insertion order is the canonical order, so they are written without sorting.</summary>
public static class SortedMaps
{
    /// <summary>A dictionary holding <paramref name="entries"/> in ordinal key order.</summary>
    public static Dictionary<string, TValue> Ordinal<TValue>(IReadOnlyDictionary<string, TValue> entries)
    {
        var keys = new string[entries.Count];
        var i = 0;
        foreach (var key in entries.Keys) keys[i++] = key;
        Array.Sort(keys, StringComparer.Ordinal);
        var sorted = new Dictionary<string, TValue>(keys.Length, StringComparer.Ordinal);
        foreach (var key in keys) sorted.Add(key, entries[key]);
        return sorted;
    }

    /// <summary>A dictionary holding <paramref name="entries"/> in numeric key order.</summary>
    public static Dictionary<int, TValue> Numeric<TValue>(IReadOnlyDictionary<int, TValue> entries)
    {
        var keys = new int[entries.Count];
        var i = 0;
        foreach (var key in entries.Keys) keys[i++] = key;
        Array.Sort(keys);
        var sorted = new Dictionary<int, TValue>(keys.Length);
        foreach (var key in keys) sorted.Add(key, entries[key]);
        return sorted;
    }
}
