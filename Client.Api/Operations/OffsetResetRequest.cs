using System.Globalization;
using System.Text.Json;
using Trading.Client.Api.Exchange;
using Trading.Runtime.Grains;
using Trading.Runtime.Operations;
using Trading.Runtime.Streams;

namespace Trading.Client.Api.Operations;

/// <summary>
/// A validated body of POST /api/kafka/monitor/offset/reset/{topic}: <c>{"to": "earliest"|"latest"|"committed"|offset}</c>
/// for every partition, or <c>{"partitions": {"0": 120, "3": "latest"}}</c> for some.
/// </summary>
public sealed record OffsetResetRequest(string Topic, string? All, IReadOnlyDictionary<int, string>? Partitions, int PartitionCount)
{
    /// <summary>Reads and validates the request; a 400 problem+json naming each bad field otherwise (nothing is changed then).</summary>
    public static async Task<(OffsetResetRequest? Request, IResult? Problem)> ReadAsync(HttpRequest http, string topic, GrainTypeRegistry types,
        IMessageLog log, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var inputs = types.All.Select(t => t.InputTopic).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (!inputs.Contains(topic, StringComparer.Ordinal))
            return (null, FieldErrors.Single("topic", $"not a grain input topic; one of {string.Join(", ", inputs)}"));
        var body = await JsonBody.ReadAsync(http, errors, ct).ConfigureAwait(false);
        if (body is null) return (null, errors.ToResult());
        var to = body.Element("to");
        var partitions = body.Element("partitions");
        body.RejectUnknownFields();
        if (errors.Any) return (null, errors.ToResult());
        if (to is null == partitions is null) return (null, FieldErrors.Single("body", "give exactly one of 'to' (every partition) or 'partitions'"));

        var count = log.PartitionCount(topic);
        using var reader = log.CreateReader();
        string? all = null;
        Dictionary<int, string>? targets = null;
        if (to is { } t)
        {
            all = Target(t, "to", errors);
            if (all is not null && OffsetTarget.TryParse(all, out var parsed) && parsed.Kind == OffsetTargetKind.Offset)
                for (var p = 0; p < count; p++) CheckRange(reader, topic, p, parsed.Offset, "to", errors);
        }
        else if (partitions is { } map)
        {
            if (map.ValueKind != JsonValueKind.Object) errors.Add("partitions", "must be an object: partition -> offset or earliest/latest/committed");
            else
            {
                targets = new Dictionary<int, string>();
                foreach (var entry in map.EnumerateObject())
                {
                    var field = $"partitions.{entry.Name}";
                    if (!int.TryParse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p >= count)
                    {
                        errors.Add(field, $"not a partition of {topic} (0-{count - 1})");
                        continue;
                    }
                    var target = Target(entry.Value, field, errors);
                    if (target is null) continue;
                    if (OffsetTarget.TryParse(target, out var parsed) && parsed.Kind == OffsetTargetKind.Offset) CheckRange(reader, topic, p, parsed.Offset, field, errors);
                    targets[p] = target;
                }
                if (targets.Count == 0 && !errors.Any) errors.Add("partitions", "name at least one partition");
            }
        }
        if (errors.Any) return (null, errors.ToResult());
        return (new OffsetResetRequest(topic, all, targets, count), null);
    }

    private static string? Target(JsonElement value, string field, FieldErrors errors)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) && n >= 0 => n.ToString(CultureInfo.InvariantCulture),
            JsonValueKind.String => value.GetString(),
            _ => null,
        };
        if (text is not null && OffsetTarget.TryParse(text, out var target)) return target.ToString();
        errors.Add(field, "must be an offset >= 0 or one of earliest, latest, committed");
        return null;
    }

    private static void CheckRange(IPartitionReader reader, string topic, int partition, long offset, string field, FieldErrors errors)
    {
        var (low, high) = reader.Watermarks(new TopicPartition(topic, partition));
        if (offset < low || offset > high) errors.Add(field, $"offset {offset} is outside partition {partition}'s range [{low}, {high}]");
    }
}
