using System.IO.Compression;
using Trading.Runtime.Snapshots;

namespace Trading.Client.Api.Snapshots;

/// <summary>Reads stored snapshot documents and manifests (the silo's assembler writes them, GZip-compressed JSON).</summary>
public sealed class SnapshotDocuments(ISnapshotStore store)
{
    public const string ManifestBlob = "manifest";
    public const string DocumentBlob = "document";

    public Task<byte[]?> ManifestAsync(string snapshotId) => store.GetBlobAsync(snapshotId, ManifestBlob);

    /// <summary>The document's JSON bytes, or null while it is not assembled (or unknown).</summary>
    public async Task<byte[]?> DocumentAsync(string snapshotId)
    {
        var stored = await store.GetBlobAsync(snapshotId, DocumentBlob).ConfigureAwait(false);
        if (stored is null) return null;
        using var gzip = new GZipStream(new MemoryStream(stored, writable: false), CompressionMode.Decompress);
        using var json = new MemoryStream();
        await gzip.CopyToAsync(json).ConfigureAwait(false);
        return json.ToArray();
    }
}
