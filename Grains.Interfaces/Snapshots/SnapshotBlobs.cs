using System.IO.Compression;
using System.Text.Json;
using Trading.Runtime.Messaging;
using Trading.Runtime.Snapshots;

namespace Trading.Grains.Interfaces.Snapshots;

/// <summary>
/// The named blobs of a stored snapshot, written by the silo's assembler and read by the gateway: the manifest (the
/// coordinator's <see cref="SnapshotStatus"/>, JSON) and the document (<see cref="MatchEngineSnapshot"/> JSON, GZip).
/// </summary>
public static class SnapshotBlobs
{
    public const string Manifest = "manifest";
    public const string Document = "document";
    public const string DocumentInfo = "document-info";

    public static Task PutManifestAsync(this ISnapshotStore store, SnapshotStatus manifest) =>
        store.PutBlobAsync(manifest.SnapshotId, Manifest, JsonSerializer.SerializeToUtf8Bytes(manifest, MessageTypeRegistry.JsonOptions));

    /// <summary>The manifest, or null for a snapshot that is unknown or not stored yet.</summary>
    public static async Task<SnapshotStatus?> ManifestAsync(this ISnapshotStore store, string snapshotId)
    {
        var bytes = await store.GetBlobAsync(snapshotId, Manifest).ConfigureAwait(false);
        return bytes is null ? null : JsonSerializer.Deserialize<SnapshotStatus>(bytes, MessageTypeRegistry.JsonOptions);
    }

    /// <summary>The stored form of a document's JSON (CPU-heavy for a large one: the caller picks the thread).</summary>
    public static byte[] CompressDocument(byte[] json)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(json);
        return compressed.ToArray();
    }

    public static Task PutDocumentAsync(this ISnapshotStore store, string snapshotId, byte[] stored) =>
        store.PutBlobAsync(snapshotId, Document, stored);

    /// <summary>
    /// Records the stored document's JSON length and the SHA-256 of its stored form, after the document itself: whoever
    /// waits for a document reads these few bytes, not the document (hundreds of megabytes for a million orders).
    /// </summary>
    public static Task PutDocumentInfoAsync(this ISnapshotStore store, string snapshotId, SnapshotDocumentInfo info) =>
        store.PutBlobAsync(snapshotId, DocumentInfo, JsonSerializer.SerializeToUtf8Bytes(info, MessageTypeRegistry.JsonOptions));

    /// <summary>The stored document's length and checksum, or null while it is not assembled (or unknown).</summary>
    public static async Task<SnapshotDocumentInfo?> DocumentInfoAsync(this ISnapshotStore store, string snapshotId)
    {
        var bytes = await store.GetBlobAsync(snapshotId, DocumentInfo).ConfigureAwait(false);
        return bytes is null ? null : JsonSerializer.Deserialize<SnapshotDocumentInfo>(bytes, MessageTypeRegistry.JsonOptions);
    }

    /// <summary>The document's JSON bytes, or null while it is not assembled (or unknown).</summary>
    public static async Task<byte[]?> DocumentAsync(this ISnapshotStore store, string snapshotId)
    {
        var stored = await store.GetBlobAsync(snapshotId, Document).ConfigureAwait(false);
        if (stored is null) return null;
        using var gzip = new GZipStream(new MemoryStream(stored, writable: false), CompressionMode.Decompress);
        using var json = new MemoryStream();
        await gzip.CopyToAsync(json).ConfigureAwait(false);
        return json.ToArray();
    }
}

/// <summary>A stored document's JSON length and the SHA-256 (lower-case hex) of its stored, compressed form.</summary>
public sealed record SnapshotDocumentInfo(long Bytes, string Checksum);
