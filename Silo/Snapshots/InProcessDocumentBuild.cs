using Trading.Runtime.State;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Runtime.Snapshots;

namespace Trading.Silo.Snapshots;

/// <summary>Resolves and compresses the parts and builds the document in this process, on low-priority threads.</summary>
internal sealed class InProcessDocumentBuild(ISnapshotStore store, IGrainStateStore grains, bool compressParts, ILogger logger) : ISnapshotDocumentBuild
{
    private readonly SnapshotPartCompactor _compactor = new(store, logger, grains);
    private readonly SnapshotDocumentWriter _writer = new(store, grains);

    /// <remarks>Runs to its end once started: the work is one pass over the parts, and every step of it is idempotent.</remarks>
    public async Task<SnapshotDocumentInfo> RunAsync(SnapshotStatus manifest, CancellationToken cancellationToken)
    {
        await _compactor.CompactAsync(manifest.SnapshotId, manifest.Parts, compressParts).ConfigureAwait(false);
        return await _writer.WriteAsync(manifest).ConfigureAwait(false);
    }
}
