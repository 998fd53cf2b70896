using System.Text.Json;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Runtime.Configuration;
using Trading.Runtime.Messaging;
using Trading.Runtime.Operations;
using Trading.Runtime.Snapshots;
using Trading.Runtime.State;
using Trading.Runtime.Streams;
using Trading.Silo.ReadSide;

namespace Trading.Silo.Snapshots;

/// <summary>
/// Finishes snapshots the coordinator declared complete: stores the manifest, compresses the parts
/// (<see cref="SnapshotPartCompactor"/>, unless <see cref="SnapshotOptions.CompressParts"/> is off) and builds and stores the
/// snapshot document from them (<see cref="ISnapshotDocumentBuild"/>: in this process or a process of its own), indexes the
/// snapshot, applies the retention, and publishes a reference to the document on the <c>snapshots</c> topic (documents of a
/// million orders do not fit in a Kafka record).
/// A failed step is retried (the consumer holds its offsets), and every step is idempotent. Reports each snapshot's
/// generation time (or failure) to the key indicators.
/// </summary>
internal sealed class SnapshotAssembler(
    ISnapshotStore store, IGrainStateStore grains, ISnapshotDocumentBuild documents, IMessageProducer producer, TopicOptions topics, SnapshotOptions options,
    IOperationsMetrics metrics, ILogger<SnapshotAssembler> logger) : IReadSideSink
{
    private readonly MessageTypeRegistry _types = CreateTypes();
    private readonly List<SnapshotStatus> _pending = new();
    private readonly List<string> _failed = new();

    public int PendingRows => _pending.Count + _failed.Count;

    public void Add(StreamEvent streamEvent)
    {
        if (!_types.TryResolve(streamEvent.Envelope.Type, out _)) return;
        switch (_types.Deserialize(streamEvent.Envelope.Type, streamEvent.Envelope.Payload))
        {
            case SnapshotCompleted completed: _pending.Add(completed.Manifest); break;
            case SnapshotFailed failed:
                metrics.SnapshotGenerated(TimeSpan.FromMilliseconds(failed.Manifest.GenerationMs ?? 0), false);
                logger.LogError("Snapshot {SnapshotId} failed: {Error}", failed.Manifest.SnapshotId, failed.Manifest.Error);
                _failed.Add(failed.Manifest.SnapshotId);
                break;
        }
    }

    public async Task<int> WriteAsync(CancellationToken cancellationToken)
    {
        var written = 0;
        while (_failed.Count > 0)
        {
            // A failed snapshot is never read: its parts go, and the checkpoint versions kept for its cuts.
            await store.DeleteAsync(_failed[0]).ConfigureAwait(false);
            await grains.ReleaseSnapshotAsync(_failed[0]).ConfigureAwait(false);
            _failed.RemoveAt(0);
            written++;
        }
        while (_pending.Count > 0)
        {
            var manifest = _pending[0];
            await AssembleAsync(manifest, cancellationToken).ConfigureAwait(false);
            _pending.RemoveAt(0);
            written++;
        }
        return written;
    }

    public bool IsUnavailable(Exception failure) => failure is not FormatException;

    public void Reset()
    {
        _pending.Clear();
        _failed.Clear();
    }

    private async Task AssembleAsync(SnapshotStatus manifest, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await store.PutManifestAsync(manifest).ConfigureAwait(false);
        var document = await documents.RunAsync(manifest, cancellationToken).ConfigureAwait(false);
        await store.IndexAsync(manifest.SnapshotId, manifest.RequestedAt).ConfigureAwait(false);
        if (manifest.Symbol is null) await ApplyRetentionAsync().ConfigureAwait(false);
        var published = new SnapshotPublished(manifest.SnapshotId, SnapshotBlobs.Document, document.Bytes, document.Checksum,
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var envelope = new MessageEnvelope(MessageKind.Message, "$snapshot-assembler", manifest.RequestedAt, nameof(SnapshotPublished),
            null, null, published.PublishedAt, JsonSerializer.SerializeToUtf8Bytes(published, MessageTypeRegistry.JsonOptions));
        producer.Produce(topics.Snapshots, manifest.SnapshotId, EnvelopeCodec.Encode(envelope), r =>
        {
            if (!r.Succeeded) logger.LogError("Snapshot {SnapshotId}: reference not published: {Error}", manifest.SnapshotId, r.Error);
        });
        metrics.SnapshotGenerated(TimeSpan.FromMilliseconds(manifest.GenerationMs ?? 0), true);
        logger.LogInformation("Snapshot {SnapshotId} ({Kind}) stored: {Parts} parts, generation {GenerationMs} ms, document {Bytes} bytes in {AssemblyMs} ms",
            manifest.SnapshotId, manifest.Kind, manifest.Parts.Count, manifest.GenerationMs, document.Bytes,
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - started);
    }

    /// <summary>Keeps the newest <see cref="SnapshotOptions.Retain"/> snapshots and every full one they are based on.</summary>
    private async Task ApplyRetentionAsync()
    {
        var ids = await store.ListAsync().ConfigureAwait(false);
        if (ids.Count <= options.Retain) return;
        var keep = new HashSet<string>(StringComparer.Ordinal);
        for (var i = ids.Count - options.Retain; i < ids.Count; i++)
        {
            keep.Add(ids[i]);
            if ((await store.ManifestAsync(ids[i]).ConfigureAwait(false))?.BaseSnapshotId is { } baseId)
                keep.Add(baseId);
        }
        foreach (var id in ids)
            if (!keep.Contains(id))
            {
                await store.DeleteAsync(id).ConfigureAwait(false);
                await grains.ReleaseSnapshotAsync(id).ConfigureAwait(false);
            }
    }

    private static MessageTypeRegistry CreateTypes()
    {
        var types = new MessageTypeRegistry();
        SnapshotGrainTypes.StreamMessages(types);
        return types;
    }
}
