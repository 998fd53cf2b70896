namespace Trading.Runtime.Snapshots;

/// <summary>
/// Reads the grains of a stored snapshot back: each part checked against the checksum its report recorded, an
/// incremental part merged onto the same partition of its base snapshot. With <paramref name="lowPriority"/> the CPU work
/// (inflating, hashing, decoding and merging parts) runs on <see cref="LowPriorityWork"/> threads, for readers beside
/// matching such as the document writer; recovery, which stops the grains anyway, reads at full speed.
/// </summary>
public sealed class SnapshotReader(ISnapshotStore store, bool lowPriority = false)
{
    /// <summary>The grains of one reported partition as of the snapshot.</summary>
    /// <exception cref="FormatException">A part is missing, unreadable, or does not match its checksum.</exception>
    public async Task<IReadOnlyList<SnapshotEntry>> ReadAsync(SnapshotPartReport report, string? baseSnapshotId)
    {
        var stored = await GetAsync(report.SnapshotId, report.GrainType, report.Partition).ConfigureAwait(false);
        var part = await Compute(() => Load(stored, report.Checksum, report.SnapshotId, report.GrainType, report.Partition)).ConfigureAwait(false);
        if (!part.Incremental) return part.Entries;
        if (baseSnapshotId is null || part.BaseSnapshotId != baseSnapshotId)
            throw new FormatException($"Part {report.GrainType}/{report.Partition} of {report.SnapshotId} is incremental on {part.BaseSnapshotId}, manifest says {baseSnapshotId}.");
        var baseStored = await GetAsync(baseSnapshotId, report.GrainType, report.Partition).ConfigureAwait(false);
        return await Compute(() =>
        {
            var full = Load(baseStored, expectedChecksum: null, baseSnapshotId, report.GrainType, report.Partition);
            if (full.Incremental) throw new FormatException($"Base snapshot {baseSnapshotId} is itself incremental.");
            return SnapshotPart.Merge(full, part);
        }).ConfigureAwait(false);
    }

    private Task<T> Compute<T>(Func<T> work) => lowPriority ? LowPriorityWork.Run(work) : Task.FromResult(work());

    private async Task<byte[]> GetAsync(string snapshotId, string grainType, int partition) =>
        await store.GetPartAsync(snapshotId, grainType, partition).ConfigureAwait(false)
        ?? throw new FormatException($"Snapshot {snapshotId} has no part {grainType}/{partition}.");

    private static SnapshotPart Load(byte[] stored, string? expectedChecksum, string snapshotId, string grainType, int partition)
    {
        var content = expectedChecksum is null ? SnapshotPart.Content(stored) : Checked(stored, expectedChecksum, snapshotId, grainType, partition);
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
