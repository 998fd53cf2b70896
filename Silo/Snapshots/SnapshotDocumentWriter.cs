using System.Text.Json;
using Trading.Grains.Exchange.Snapshots;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Grains.Symbols;
using Trading.Runtime.Messaging;
using Trading.Runtime.Snapshots;
using Trading.Runtime.State;

namespace Trading.Silo.Snapshots;

/// <summary>
/// Builds the seed's snapshot document (MatchEngineSnapshot) from a completed snapshot's parts and stores it,
/// GZip-compressed, as the snapshot's <c>document</c> blob. The offsets section comes from the part reports: where
/// each partition resumes (current), what the group had committed at the barrier, and the difference (pending). Grains the
/// parts hold by reference are read from the checkpoint store (the versions it keeps for the snapshot).
/// </summary>
internal sealed class SnapshotDocumentWriter(ISnapshotStore store, IGrainStateStore grains)
{
    /// <returns>The document's info, as stored beside it (<see cref="SnapshotBlobs.PutDocumentInfoAsync"/>).</returns>
    public async Task<SnapshotDocumentInfo> WriteAsync(SnapshotStatus manifest)
    {
        // All of the CPU work runs on low-priority threads, so that matching keeps the CPU: inflating and checking the parts
        // (the reader's), then decoding every state, building the document (MatchEngineSnapshotBuilder hashes its sections on this
        // thread), serializing and compressing it.
        var parts = await EngineStates.ReadPartsAsync(new SnapshotReader(store, lowPriority: true, grains), manifest).ConfigureAwait(false);
        var (json, stored) = await LowPriorityWork.Run(() => Build(manifest, EngineStates.Decode(parts))).ConfigureAwait(false);
        await store.PutDocumentAsync(manifest.SnapshotId, stored).ConfigureAwait(false);
        var info = new SnapshotDocumentInfo(json.LongLength, SnapshotPart.ContentChecksum(stored)); // the SHA-256 of the stored document
        await store.PutDocumentInfoAsync(manifest.SnapshotId, info).ConfigureAwait(false);
        return info;
    }

    private static (byte[] Json, byte[] Stored) Build(SnapshotStatus manifest, EngineStates states)
    {
        var symbols = new Dictionary<string, SymbolSpec>(StringComparer.Ordinal);
        if (states.Symbols is not null)
            foreach (var (name, spec) in states.Symbols.Symbols) symbols[name] = spec;
        foreach (var (name, book) in states.Books)
            if (book.Spec is not null) symbols.TryAdd(name, book.Spec);

        var document = MatchEngineSnapshotBuilder.Build(new SnapshotCapture
        {
            SnapshotId = manifest.SnapshotId,
            Timestamp = manifest.RequestedAt,
            Books = states.Books,
            Positions = states.Positions,
            Symbols = symbols,
            KafkaOffsets = Offsets(manifest),
            EngineState = new EngineStateReference { Parts = Parts(manifest) },
        });
        var json = JsonSerializer.SerializeToUtf8Bytes(document, MessageTypeRegistry.JsonOptions);
        var stored = SnapshotBlobs.CompressDocument(json);
        return (json, stored);
    }

    private static Dictionary<string, KafkaOffsetRecord> Offsets(SnapshotStatus manifest)
    {
        var byTopic = new Dictionary<string, Dictionary<int, PartitionOffsetRecord>>(StringComparer.Ordinal);
        foreach (var p in manifest.Parts)
        {
            if (!byTopic.TryGetValue(p.Topic, out var partitions)) byTopic[p.Topic] = partitions = new Dictionary<int, PartitionOffsetRecord>();
            partitions[p.Partition] = new PartitionOffsetRecord
            {
                Topic = p.Topic, Partition = p.Partition, CurrentOffset = p.NextOffset, CommittedOffset = p.CommittedOffset,
                PendingOffset = Math.Max(0, p.NextOffset - p.CommittedOffset), Consistent = p.Error is null && p.CommittedOffset <= p.NextOffset,
                Timestamp = p.CapturedAtMs,
            };
        }
        var result = new Dictionary<string, KafkaOffsetRecord>(StringComparer.Ordinal);
        foreach (var (topic, partitions) in byTopic) result[topic] = KafkaOffsetRecord.FromPartitions(topic, partitions);
        return result;
    }

    private static List<EngineStatePart> Parts(SnapshotStatus manifest)
    {
        var parts = new List<EngineStatePart>(manifest.Parts.Count);
        foreach (var p in manifest.Parts) parts.Add(new EngineStatePart(p.GrainType, p.Topic, p.Partition, p.BarrierOffset, p.Grains, p.Checksum));
        return parts;
    }
}
