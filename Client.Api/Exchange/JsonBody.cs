using System.Globalization;
using System.Text.Json;

namespace Trading.Client.Api.Exchange;

/// <summary>
/// Reads a JSON object field by field, so every problem names its field: unknown fields, wrong types,
/// numbers given as JSON numbers or decimal strings (as exchanges accept both).
/// </summary>
public sealed class JsonBody
{
    private readonly JsonElement _root;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    private JsonBody(JsonElement root, FieldErrors errors)
    {
        _root = root;
        Errors = errors;
    }

    public FieldErrors Errors { get; }

    /// <summary>Parses the request body as one JSON object; null (with errors set) when it is not one.</summary>
    public static async Task<JsonBody?> ReadAsync(HttpRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("body", "Content-Type must be application/json");
            return null;
        }
        try
        {
            if (request.Body.CanSeek) request.Body.Position = 0;
            using var document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 8 }, cancellationToken)
                .ConfigureAwait(false);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add("body", "must be a JSON object");
                return null;
            }
            return new JsonBody(document.RootElement.Clone(), errors);
        }
        catch (JsonException e)
        {
            errors.Add("body", $"malformed JSON: {e.Message}");
            return null;
        }
    }

    /// <summary>Reports every field that was not read as unknown.</summary>
    public void RejectUnknownFields()
    {
        foreach (var property in _root.EnumerateObject())
            if (!_known.Contains(property.Name)) Errors.Add(property.Name, "unknown field");
    }

    public string? String(string name, bool required = false, int maxLength = 64)
    {
        if (!TryGet(name, required, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            Errors.Add(name, "must be a string");
            return null;
        }
        var s = value.GetString()!;
        if (s.Length > maxLength)
        {
            Errors.Add(name, $"at most {maxLength} characters");
            return null;
        }
        if (required && s.Length == 0) Errors.Add(name, "required");
        return s;
    }

    public T? Enum<T>(string name, IReadOnlyDictionary<string, T> names, bool required = false) where T : struct
    {
        var s = String(name, required, 32);
        if (s is null) return null;
        if (names.TryGetValue(s.ToUpperInvariant(), out var value)) return value;
        Errors.Add(name, $"unknown value '{s}'; one of {string.Join(", ", names.Keys)}");
        return null;
    }

    public decimal? Decimal(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value)) return null;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetDecimal(out var d): return d;
            case JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d):
                return d;
            default:
                Errors.Add(name, "must be a decimal number (JSON number or string)");
                return null;
        }
    }

    public long? Long(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n)) return n;
        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out n)) return n;
        Errors.Add(name, "must be an integer");
        return null;
    }

    public bool? Bool(string name)
    {
        if (!TryGet(name, false, out var value)) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        if (value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out var b)) return b;
        Errors.Add(name, "must be true or false");
        return null;
    }

    /// <summary>The raw value of a field (an object or array the caller reads itself); null when absent.</summary>
    public JsonElement? Element(string name, bool required = false) => TryGet(name, required, out var value) ? value : null;

    private bool TryGet(string name, bool required, out JsonElement value)
    {
        _known.Add(name);
        if (_root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null) return true;
        if (required) Errors.Add(name, "required");
        return false;
    }
}
