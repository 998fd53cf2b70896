using Trading.Grains.Interfaces.Snapshots;

namespace Trading.Silo.Snapshots;

/// <summary>
/// The heavy end of finishing a snapshot: compressing its parts in place (where configured) and building and storing its
/// document. Idempotent: run again after a failure, it compresses what is still uncompressed and writes the document again.
/// </summary>
internal interface ISnapshotDocumentBuild
{
    /// <returns>The document's uncompressed length and the SHA-256 of the stored (compressed) document.</returns>
    Task<SnapshotDocumentResult> RunAsync(SnapshotStatus manifest, CancellationToken cancellationToken);
}

/// <summary>What <see cref="ISnapshotDocumentBuild.RunAsync"/> stored: the JSON's length and the stored blob's checksum.</summary>
internal readonly record struct SnapshotDocumentResult(long Bytes, string Checksum);
