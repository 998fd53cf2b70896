using Trading.Grains.Interfaces.Snapshots;

namespace Trading.Silo.Snapshots;

/// <summary>
/// The heavy end of finishing a snapshot: compressing its parts in place (where configured) and building and storing its
/// document. Idempotent: run again after a failure, it compresses what is still uncompressed and writes the document again.
/// </summary>
internal interface ISnapshotDocumentBuild
{
    /// <returns>What it stored: the document's JSON length and the SHA-256 of its stored (compressed) form.</returns>
    Task<SnapshotDocumentInfo> RunAsync(SnapshotStatus manifest, CancellationToken cancellationToken);
}
