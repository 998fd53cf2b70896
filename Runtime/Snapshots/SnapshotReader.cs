namespace Trading.Runtime.Snapshots;

/// <summary>
/// Reads the grains of a stored snapshot back: each part checked against the checksum its report recorded, an
/// incremental part merged onto the same partition of its base snapshot.
/// </summary>
public sealed class SnapshotReader(ISnapshotStore store)
{
    /// <summary>The grains of one reported partition as of the snapshot.</summary>
    /// <exception cref="FormatException">A part is missing, unreadable, or does not match its checksum.</exception>
    public async Task<IReadOnlyList<SnapshotEntry>> ReadAsync(SnapshotPartReport report, string? baseSnapshotId)
    {
        var part = await LoadAsync(report.SnapshotId, report.GrainType, report.Partition, report.Checksum).ConfigureAwait(false);
        if (!part.Incremental) return part.Entries;
        if (baseSnapshotId is null || part.BaseSnapshotId != baseSnapshotId)
            throw new FormatException($"Part {report.GrainType}/{report.Partition} of {report.SnapshotId} is incremental on {part.BaseSnapshotId}, manifest says {baseSnapshotId}.");
        var full = await LoadAsync(baseSnapshotId, report.GrainType, report.Partition, expectedChecksum: null).ConfigureAwait(false);
        if (full.Incremental) throw new FormatException($"Base snapshot {baseSnapshotId} is itself incremental.");
        return SnapshotPart.Merge(full, part);
    }

    private async Task<SnapshotPart> LoadAsync(string snapshotId, string grainType, int partition, string? expectedChecksum)
    {
        var bytes = await store.GetPartAsync(snapshotId, grainType, partition).ConfigureAwait(false)
                    ?? throw new FormatException($"Snapshot {snapshotId} has no part {grainType}/{partition}.");
        var content = expectedChecksum is null ? SnapshotPart.Content(bytes) : Checked(bytes, expectedChecksum, snapshotId, grainType, partition);
        return SnapshotPart.Decode(content); // inflated once, for the checksum and the entries
    }

    private static byte[] Checked(byte[] stored, string expectedChecksum, string snapshotId, string grainType, int partition)
    {
        byte[]? content = null;
        try
        {
            content = SnapshotPart.Content(stored);
        }
        catch (FormatException)
        {
            // a corrupt frame matches no checksum
        }
        if (content is null || SnapshotPart.ContentChecksum(content) != expectedChecksum)
            throw new FormatException($"Part {grainType}/{partition} of {snapshotId} does not match its checksum.");
        return content;
    }
}
