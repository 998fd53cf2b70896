using Trading.Runtime.State;

namespace Trading.Runtime.Snapshots;

/// <summary>
/// Reads the grains of a stored snapshot back: each part checked against the checksum its report recorded, an
/// incremental part merged onto the same partition of its base snapshot. With <paramref name="lowPriority"/> the CPU work
/// (inflating, hashing, decoding and merging parts) runs on <see cref="LowPriorityWork"/> threads, for readers beside
/// matching such as the document writer; recovery, which stops the grains anyway, reads at full speed. Grains a part holds
/// by reference (<see cref="SnapshotPart.References"/>) are read from <paramref name="versions"/>, the checkpoint store
/// that keeps them for the snapshot.
/// </summary>
public sealed class SnapshotReader(ISnapshotStore store, bool lowPriority = false, IGrainStateStore? versions = null)
{
    /// <summary>The grains of one reported partition as of the snapshot.</summary>
    /// <exception cref="FormatException">A part is missing, unreadable, or does not match its checksum.</exception>
    public async Task<IReadOnlyList<SnapshotEntry>> ReadAsync(SnapshotPartReport report, string? baseSnapshotId)
    {
        var part = await ReadResolvedAsync(report.SnapshotId, report.GrainType, report.Partition, report.Checksum).ConfigureAwait(false);
        if (!part.Incremental) return part.Entries;
        if (baseSnapshotId is null || part.BaseSnapshotId != baseSnapshotId)
            throw new FormatException($"Part {report.GrainType}/{report.Partition} of {report.SnapshotId} is incremental on {part.BaseSnapshotId}, manifest says {baseSnapshotId}.");
        var full = await ReadResolvedAsync(baseSnapshotId, report.GrainType, report.Partition, expectedChecksum: null).ConfigureAwait(false);
        if (full.Incremental) throw new FormatException($"Base snapshot {baseSnapshotId} is itself incremental.");
        return await Compute(() => SnapshotPart.Merge(full, part)).ConfigureAwait(false);
    }

    /// <summary>
    /// A stored part with its references resolved. Read a second time when they cannot be: the snapshot's assembler
    /// resolves its parts in the store and then lets the kept versions go, so a part read before that is read again.
    /// </summary>
    private async Task<SnapshotPart> ReadResolvedAsync(string snapshotId, string grainType, int partition, string? expectedChecksum)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await GetAsync(snapshotId, grainType, partition).ConfigureAwait(false);
            var part = await Compute(() => Load(stored, expectedChecksum, snapshotId, grainType, partition)).ConfigureAwait(false);
            try
            {
                return await ResolveAsync(part, snapshotId, grainType, partition).ConfigureAwait(false);
            }
            catch (FormatException) when (attempt == 1 && versions is not null)
            {
            }
        }
    }

    /// <summary>The part with its references replaced by the checkpoint versions they name, entries sorted by key again.</summary>
    private async Task<SnapshotPart> ResolveAsync(SnapshotPart part, string snapshotId, string grainType, int partition)
    {
        if (part.References.Count == 0) return part;
        if (versions is null)
            throw new FormatException($"Part {grainType}/{partition} of {snapshotId} refers to kept checkpoints, and this reader has no checkpoint store.");
        var payloads = await versions.LoadAsOfAsync(snapshotId, grainType, part.References).ConfigureAwait(false);
        return await Compute(() =>
        {
            var entries = new List<SnapshotEntry>(part.Entries.Count + payloads.Length);
            entries.AddRange(part.Entries);
            for (var i = 0; i < payloads.Length; i++) entries.Add(new SnapshotEntry(part.References[i].Key, part.References[i].Value, payloads[i]));
            entries.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            return part with { Entries = entries, References = [] };
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
        if (content is null || !SnapshotPart.Matches(content, expectedChecksum))
            throw new FormatException($"Part {grainType}/{partition} of {snapshotId} does not match its checksum.");
        return content;
    }
}
