using System.Text.Json;
using Trading.Runtime.Messaging;

namespace Trading.Runtime.Snapshots;

/// <summary>
/// The marker a snapshot coordinator writes into every partition of a grain topic. The worker that reads
/// it captures the state of the partition's grains as of that offset (inputs before it applied, none
/// after) and hands the capture to the <see cref="SnapshotPartWriter"/>, which reports to the coordinator.
/// </summary>
/// <param name="SnapshotId">The snapshot this cut belongs to.</param>
/// <param name="GrainType">The grain type whose partitions are cut (a topic may in principle feed several).</param>
/// <param name="BaseSnapshotId">For an incremental snapshot, the full snapshot it records changes against.</param>
/// <param name="KeyFilter">When set, only the grain with this key is captured (a one-symbol snapshot).</param>
/// <param name="ReportTopic">Where the part report goes: the coordinator's input topic.</param>
/// <param name="ReportKey">The coordinator grain's key.</param>
public sealed record SnapshotBarrier(
    string SnapshotId,
    string GrainType,
    string? BaseSnapshotId,
    string? KeyFilter,
    string ReportTopic,
    string ReportKey)
{
    public byte[] Encode() => JsonSerializer.SerializeToUtf8Bytes(this, MessageTypeRegistry.JsonOptions);

    /// <exception cref="FormatException">Not a barrier.</exception>
    public static SnapshotBarrier Decode(byte[] payload)
    {
        try
        {
            var barrier = JsonSerializer.Deserialize<SnapshotBarrier>(payload, MessageTypeRegistry.JsonOptions);
            if (barrier is null || string.IsNullOrEmpty(barrier.SnapshotId) || string.IsNullOrEmpty(barrier.GrainType))
                throw new FormatException("Barrier without snapshot id or grain type.");
            return barrier;
        }
        catch (JsonException e)
        {
            throw new FormatException($"Barrier does not parse: {e.Message}", e);
        }
    }
}
