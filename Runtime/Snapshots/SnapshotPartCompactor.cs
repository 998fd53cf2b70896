using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Trading.Runtime.State;

namespace Trading.Runtime.Snapshots;

/// <summary>
/// Compresses the parts of a completed snapshot in place (layout 2 to its compressed frame, see
/// <see cref="SnapshotPartCompression"/>). The part writers store layout 2, so the CPU that Deflate takes (the 157 MB
/// of a million orders and 100,000 accounts, at zlib's fastest level, ~150 MB/s a core on this project's machine) is not
/// spent while the barrier's cut is taken, beside matching; it is spent afterwards, one part at a time on a low-priority
/// thread. Compressing in the writers cost matching about a fifth of its throughput during the snapshot.
/// A part's checksum is that of its content and does not change; a reader sees either form (each replacement is one
/// write), and a part of a snapshot deleted meanwhile is not written back.
/// </summary>
public sealed class SnapshotPartCompactor(ISnapshotStore store, ILogger logger, IGrainStateStore? grains = null)
{
    /// <summary>
    /// Resolves every part of <paramref name="parts"/> that still holds references (grains kept as checkpoint versions,
    /// see <see cref="SnapshotPart.References"/>) into one holding the states, and with <paramref name="compress"/>
    /// compresses every part still stored uncompressed; then lets go of the versions the store kept for the snapshot,
    /// which no longer needs them. Idempotent.
    /// </summary>
    public async Task<SnapshotCompaction> CompactAsync(string snapshotId, IReadOnlyList<SnapshotPartReport> parts, bool compress = true)
    {
        var started = Stopwatch.GetTimestamp();
        long before = 0, after = 0;
        var compressed = 0;
        var resolved = 0;
        var versions = grains is { KeepsSnapshotVersions: true } ? grains : null;
        foreach (var report in parts)
        {
            if (report.Error is not null) continue;
            var stored = await store.GetPartAsync(snapshotId, report.GrainType, report.Partition).ConfigureAwait(false);
            if (stored is null) continue; // deleted meanwhile, or never stored: the readers report it
            before += stored.Length;
            if (SnapshotPartCompression.IsCompressed(stored))
            {
                after += stored.Length; // compressed after it was resolved
                continue;
            }
            var content = stored;
            if (versions is not null && await ResolveAsync(versions, snapshotId, report.GrainType, stored).ConfigureAwait(false) is { } full)
            {
                content = full;
                resolved++;
            }
            var replacement = content;
            if (compress)
            {
                var frame = await LowPriorityWork.Run(() => SnapshotPartCompression.Compress(content)).ConfigureAwait(false);
                if (frame.Length < content.Length)
                {
                    replacement = frame;
                    compressed++;
                }
            }
            if (!ReferenceEquals(replacement, stored) && await store.ReplacePartAsync(snapshotId, report.GrainType, report.Partition, replacement).ConfigureAwait(false))
                after += replacement.Length;
            else after += stored.Length;
        }
        if (versions is not null) await versions.ReleaseSnapshotAsync(snapshotId).ConfigureAwait(false);
        var result = new SnapshotCompaction(compressed, before, after, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, resolved);
        logger.LogInformation("Snapshot {SnapshotId}: {Resolved} parts resolved, {Compressed} compressed, {BytesBefore} bytes to {BytesAfter} in {Ms} ms",
            snapshotId, result.PartsResolved, result.PartsCompressed, result.BytesBefore, result.BytesAfter, result.ElapsedMs);
        return result;
    }

    /// <summary>The part in layout 2 with its references replaced by the kept states (origin: the part's checksum); null if it has none.</summary>
    private static async Task<byte[]?> ResolveAsync(IGrainStateStore versions, string snapshotId, string grainType, byte[] content)
    {
        var part = await LowPriorityWork.Run(() => SnapshotPart.Decode(content)).ConfigureAwait(false);
        if (part.References.Count == 0) return null;
        var payloads = await versions.LoadAsOfAsync(snapshotId, grainType, part.References).ConfigureAwait(false);
        return await LowPriorityWork.Run(() =>
        {
            using var builder = new SnapshotPartBuilder(part.BaseSnapshotId, origin: SnapshotPart.ContentChecksum(content));
            foreach (var e in part.Entries) builder.Add(e.Key, e.NextOffset, e.Payload);
            for (var i = 0; i < payloads.Length; i++) builder.Add(part.References[i].Key, part.References[i].Value, payloads[i]);
            foreach (var key in part.Deleted) builder.Delete(key);
            return builder.Build();
        }).ConfigureAwait(false);
    }
}

/// <summary>What <see cref="SnapshotPartCompactor.CompactAsync"/> did: parts compressed, stored bytes before and after, parts resolved.</summary>
public sealed record SnapshotCompaction(int PartsCompressed, long BytesBefore, long BytesAfter, long ElapsedMs, int PartsResolved = 0);
