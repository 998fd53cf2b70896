using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;

namespace Trading.Runtime.Snapshots;

/// <summary>
/// The stored form of one partition's grains in a snapshot: entries sorted by key (ordinal), for an incremental
/// part only the grains changed since the base snapshot plus the keys that disappeared. The checksum is the SHA-256 of
/// its layout-2 bytes (<see cref="Checksum"/>). Layout (version 2, little-endian): <c>SNP2</c>, the base snapshot id, the entry count, per entry
/// its key, next offset and payload (a reference: the length -1 and no payload, see <see cref="References"/>), the deleted count and keys, then a CRC-32 of everything before it; strings and
/// payloads are an int32 length and their bytes. The size is known before writing, so a part is written once into one
/// buffer of its length (<see cref="SnapshotPartBuilder"/>). Once the snapshot is complete, layout 2 is compressed as a
/// whole (layout 3, see <see cref="SnapshotPartCompression"/> and <see cref="SnapshotPartCompactor"/>): the grain states
/// inside are compact one by one (binary, or compressed JSON; see GrainCheckpointPayload) but much alike. Version 1 (a GZip frame without compression around
/// BinaryWriter fields) is still read; writing it cost a growing MemoryStream and a copy through zlib, 3-4 times the
/// part's bytes in large-object allocations (the GC's threads took half the process's CPU during a full snapshot).
/// </summary>
public sealed record SnapshotPart(string? BaseSnapshotId, IReadOnlyList<SnapshotEntry> Entries, IReadOnlyList<string> Deleted)
{
    private static ReadOnlySpan<byte> Magic => "SNP1"u8;
    private static ReadOnlySpan<byte> MagicV2 => SnapshotPartBuilder.Magic;
    private const int CrcLength = SnapshotPartBuilder.CrcLength;

    public bool Incremental => BaseSnapshotId is not null;

    /// <summary>
    /// Grains held by reference (key, next offset): their state is the checkpoint the store keeps for the snapshot, read
    /// back with <see cref="State.IGrainStateStore.LoadAsOfAsync"/> (see <see cref="SnapshotReader"/>). None in a part of a
    /// store that keeps no versions.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, long>> References { get; init; } = [];

    /// <summary>
    /// Set on a part the snapshot's assembler resolved (layout <c>SNP4</c>): the checksum of the part with references it
    /// replaced, which is the checksum the part's report holds. Once resolved, a snapshot no longer needs the versions the
    /// checkpoint store kept for it.
    /// </summary>
    public string? Origin { get; init; }

    /// <summary>True if <paramref name="content"/> is the part <paramref name="expectedChecksum"/> names, or that part resolved.</summary>
    public static bool Matches(byte[] content, string expectedChecksum)
    {
        if (ContentChecksum(content) == expectedChecksum) return true;
        if (!content.AsSpan().StartsWith(SnapshotPartBuilder.ResolvedMagic)) return false;
        try
        {
            return DecodeV2(content).Origin == expectedChecksum;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Layout 2, uncompressed (written by <see cref="SnapshotPartBuilder"/>, which holds the layout).</summary>
    public byte[] Encode()
    {
        using var builder = new SnapshotPartBuilder(BaseSnapshotId);
        foreach (var e in Entries) builder.Add(e.Key, e.NextOffset, e.Payload);
        if (Origin is not null) throw new InvalidOperationException("Encode a resolved part with SnapshotPartBuilder and its origin.");
        foreach (var (key, nextOffset) in References) builder.AddReference(key, nextOffset);
        foreach (var key in Deleted) builder.Delete(key);
        return builder.Build();
    }

    /// <summary>The stored form: layout 2 in a compressed frame, or layout 2 when compressing does not make it smaller.</summary>
    public byte[] EncodeCompressed() => SnapshotPartCompression.Compress(Encode());

    /// <summary>The part's content: a compressed frame inflated, any other layout as stored.</summary>
    /// <exception cref="FormatException">A compressed frame that does not inflate.</exception>
    public static byte[] Content(byte[] stored) =>
        SnapshotPartCompression.IsCompressed(stored) ? SnapshotPartCompression.Decompress(stored) : stored;

    /// <exception cref="FormatException">Not a snapshot part, or truncated.</exception>
    public static SnapshotPart Decode(byte[] stored)
    {
        stored = Content(stored);
        if (stored.AsSpan().StartsWith(MagicV2) || stored.AsSpan().StartsWith(SnapshotPartBuilder.ResolvedMagic)) return DecodeV2(stored);
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

    private static SnapshotPart DecodeV2(ReadOnlySpan<byte> stored)
    {
        if (stored.Length < MagicV2.Length + 4 + 4 + 4 + CrcLength) throw new FormatException("Snapshot part truncated.");
        var body = stored[..^CrcLength];
        if (BinaryPrimitives.ReadUInt32LittleEndian(stored[^CrcLength..]) != Crc32.HashToUInt32(body))
            throw new FormatException("Snapshot part fails its CRC-32 (corrupt or truncated).");
        var at = MagicV2.Length;
        var baseId = ReadString(body, ref at);
        var origin = stored.StartsWith(SnapshotPartBuilder.ResolvedMagic) ? ReadString(body, ref at) : null;
        var count = ReadCount(body, ref at, minimumEntryBytes: 16);
        var entries = new List<SnapshotEntry>(count);
        List<KeyValuePair<string, long>>? references = null;
        for (var i = 0; i < count; i++)
        {
            var key = ReadString(body, ref at);
            if (body.Length - at < 12) throw new FormatException("Snapshot part truncated.");
            var next = BinaryPrimitives.ReadInt64LittleEndian(body[at..]);
            at += 8;
            if (BinaryPrimitives.ReadInt32LittleEndian(body[at..]) == SnapshotPartBuilder.ReferenceLength)
            {
                at += 4;
                (references ??= new()).Add(new(key, next));
                continue;
            }
            var length = ReadCount(body, ref at, minimumEntryBytes: 1);
            entries.Add(new SnapshotEntry(key, next, body.Slice(at, length).ToArray()));
            at += length;
        }
        var deletedCount = ReadCount(body, ref at, minimumEntryBytes: 4);
        var deleted = new List<string>(deletedCount);
        for (var i = 0; i < deletedCount; i++) deleted.Add(ReadString(body, ref at));
        if (at != body.Length) throw new FormatException($"Snapshot part has {body.Length - at} bytes after its last field.");
        return new SnapshotPart(baseId.Length == 0 ? null : baseId, entries, deleted) { References = references ?? [], Origin = origin };
    }

    /// <summary>A non-negative length or count no larger than the bytes left could hold.</summary>
    private static int ReadCount(ReadOnlySpan<byte> body, ref int at, int minimumEntryBytes)
    {
        if (body.Length - at < 4) throw new FormatException("Snapshot part truncated.");
        var count = BinaryPrimitives.ReadInt32LittleEndian(body[at..]);
        at += 4;
        if (count < 0 || count > (body.Length - at) / minimumEntryBytes) throw new FormatException($"Snapshot part count {count} out of range.");
        return count;
    }

    private static string ReadString(ReadOnlySpan<byte> body, ref int at)
    {
        var length = ReadCount(body, ref at, minimumEntryBytes: 1);
        var value = Encoding.UTF8.GetString(body.Slice(at, length));
        at += length;
        return value;
    }

    /// <summary>
    /// The SHA-256 of a part's content: of layout 2 inside a compressed frame, of the stored bytes otherwise. A part
    /// keeps its checksum when it is compressed after it was reported (<see cref="SnapshotPartCompactor"/>); a
    /// compressed frame that cannot be inflated gets the hash of its stored bytes, which matches no content.
    /// </summary>
    public static string Checksum(byte[] stored)
    {
        try
        {
            return ContentChecksum(Content(stored));
        }
        catch (FormatException)
        {
            return ContentChecksum(stored); // a corrupt frame
        }
    }

    /// <summary>The checksum of content already taken out of its frame (<see cref="Content"/>).</summary>
    public static string ContentChecksum(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The grains of a partition after applying <paramref name="incremental"/> to <paramref name="full"/>.</summary>
    public static IReadOnlyList<SnapshotEntry> Merge(SnapshotPart full, SnapshotPart incremental)
    {
        if (full.References.Count > 0 || incremental.References.Count > 0)
            throw new InvalidOperationException("Resolve the parts' references before merging them (SnapshotReader).");
        var merged = new SortedDictionary<string, SnapshotEntry>(StringComparer.Ordinal);
        foreach (var e in full.Entries) merged[e.Key] = e;
        foreach (var key in incremental.Deleted) merged.Remove(key);
        foreach (var e in incremental.Entries) merged[e.Key] = e;
        return merged.Values.ToList();
    }
}
