using System.Globalization;

namespace Trading.Runtime.Operations;

/// <summary>Where an offset reset moves a partition's consumer position to.</summary>
public enum OffsetTargetKind { Offset, Earliest, Latest, Committed }

/// <summary>One partition's reset target: an offset, or earliest / latest / committed, resolved by the owning silo.</summary>
public readonly record struct OffsetTarget(OffsetTargetKind Kind, long Offset)
{
    public static bool TryParse(string? text, out OffsetTarget target)
    {
        switch (text?.ToLowerInvariant())
        {
            case "earliest": target = new(OffsetTargetKind.Earliest, 0); return true;
            case "latest": target = new(OffsetTargetKind.Latest, 0); return true;
            case "committed": target = new(OffsetTargetKind.Committed, 0); return true;
        }
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            target = new(OffsetTargetKind.Offset, offset);
            return true;
        }
        target = default;
        return false;
    }

    public override string ToString() =>
        Kind == OffsetTargetKind.Offset ? Offset.ToString(CultureInfo.InvariantCulture) : Kind.ToString().ToLowerInvariant();
}

/// <summary>
/// An operator's request to move the consumer position of a grain input topic: every partition to <see cref="All"/>, or
/// the partitions listed in <see cref="Partitions"/> (partition -> target text). Each owning silo applies it once
/// per partition, claimed in the control store, until <see cref="ExpiresAt"/> (epoch ms).
/// </summary>
public sealed record OffsetReset(string Id, string Topic, string? All, IReadOnlyDictionary<int, string>? Partitions, long RequestedAt, long ExpiresAt)
{
    public bool Targets(int partition) => All is not null || (Partitions?.ContainsKey(partition) ?? false);

    public OffsetTarget TargetFor(int partition)
    {
        var text = All ?? (Partitions is not null && Partitions.TryGetValue(partition, out var t) ? t : null);
        return OffsetTarget.TryParse(text, out var target) ? target : throw new InvalidOperationException($"Reset {Id} has no valid target for partition {partition}.");
    }
}

/// <summary>Claims and records offset resets per partition, so one silo applies each exactly once (called from a polling thread).</summary>
public interface IOffsetResetLedger
{
    /// <summary>True when this silo is the first to claim <paramref name="partition"/> for reset <paramref name="resetId"/>.</summary>
    bool TryClaim(string resetId, Streams.TopicPartition partition);

    void Applied(string resetId, Streams.TopicPartition partition, long offset);
}
