using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Trading.Runtime.Snapshots;

/// <summary>
/// The stored form of one partition's grains in a snapshot: entries sorted by key (ordinal), for an incremental
/// part only the grains changed since the base snapshot plus the keys that disappeared. Binary in a GZip frame without
/// compression (the grain states inside are compact already: binary, or JSON compressed, see GrainCheckpointPayload;
/// the frame's CRC still catches corruption); the checksum is the SHA-256 of the stored bytes.
/// </summary>
public sealed record SnapshotPart(string? BaseSnapshotId, IReadOnlyList<SnapshotEntry> Entries, IReadOnlyList<string> Deleted)
{
    private static ReadOnlySpan<byte> Magic => "SNP1"u8;

    public bool Incremental => BaseSnapshotId is not null;

    public byte[] Encode()
    {
        using var raw = new MemoryStream();
        using (var gzip = new GZipStream(raw, CompressionLevel.NoCompression, leaveOpen: true))
        using (var buffered = new BufferedStream(gzip, 1 << 16)) // the writer's many small writes reach the compressor in large blocks
        using (var writer = new BinaryWriter(buffered, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(BaseSnapshotId ?? "");
            writer.Write(Entries.Count);
            foreach (var e in Entries)
            {
                writer.Write(e.Key);
                writer.Write(e.NextOffset);
                writer.Write(e.Payload.Length);
                writer.Write(e.Payload);
            }
            writer.Write(Deleted.Count);
            foreach (var key in Deleted) writer.Write(key);
        }
        return raw.ToArray();
    }

    /// <exception cref="FormatException">Not a snapshot part, or truncated.</exception>
    public static SnapshotPart Decode(byte[] stored)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(stored, writable: false), CompressionMode.Decompress);
            using var buffered = new BufferedStream(gzip, 1 << 16);
            using var reader = new BinaryReader(buffered, Encoding.UTF8);
            Span<byte> magic = stackalloc byte[4];
            reader.BaseStream.ReadExactly(magic);
            if (!magic.SequenceEqual(Magic)) throw new FormatException("Not a snapshot part.");
            var baseId = reader.ReadString();
            var count = reader.ReadInt32();
            if (count < 0) throw new FormatException("Negative entry count.");
            var entries = new List<SnapshotEntry>(count);
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                var next = reader.ReadInt64();
                var length = reader.ReadInt32();
                if (length < 0) throw new FormatException("Negative payload length.");
                entries.Add(new SnapshotEntry(key, next, reader.ReadBytes(length)));
            }
            var deletedCount = reader.ReadInt32();
            var deleted = new List<string>(Math.Max(0, deletedCount));
            for (var i = 0; i < deletedCount; i++) deleted.Add(reader.ReadString());
            return new SnapshotPart(baseId.Length == 0 ? null : baseId, entries, deleted);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException)
        {
            throw new FormatException($"Snapshot part unreadable: {e.Message}", e);
        }
    }

    public static string Checksum(ReadOnlySpan<byte> stored) => Convert.ToHexStringLower(SHA256.HashData(stored));

    /// <summary>The grains of a partition after applying <paramref name="incremental"/> to <paramref name="full"/>.</summary>
    public static IReadOnlyList<SnapshotEntry> Merge(SnapshotPart full, SnapshotPart incremental)
    {
        var merged = new SortedDictionary<string, SnapshotEntry>(StringComparer.Ordinal);
        foreach (var e in full.Entries) merged[e.Key] = e;
        foreach (var key in incremental.Deleted) merged.Remove(key);
        foreach (var e in incremental.Entries) merged[e.Key] = e;
        return merged.Values.ToList();
    }
}
