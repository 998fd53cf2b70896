using System.IO.Compression;
using System.Text;
using Trading.Runtime.Snapshots;

namespace Trading.Tests.Snapshots;

public sealed class SnapshotPartTests
{
    private static SnapshotPart Sample(string? baseId = null) => new(
        baseId,
        [
            new SnapshotEntry("alice", 7, [1, 2, 3]),
            new SnapshotEntry("bob", long.MaxValue, []),
            new SnapshotEntry("zoë", 0, Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray()),
        ],
        baseId is null ? [] : ["carol", "dave"]);

    private static void AssertSame(SnapshotPart expected, SnapshotPart actual)
    {
        Assert.Equal(expected.BaseSnapshotId, actual.BaseSnapshotId);
        Assert.Equal(expected.Entries.Count, actual.Entries.Count);
        for (var i = 0; i < expected.Entries.Count; i++)
        {
            Assert.Equal(expected.Entries[i].Key, actual.Entries[i].Key);
            Assert.Equal(expected.Entries[i].NextOffset, actual.Entries[i].NextOffset);
            Assert.Equal(expected.Entries[i].Payload, actual.Entries[i].Payload);
        }
        Assert.Equal(expected.Deleted, actual.Deleted);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("snap-1796185522996-165")]
    public void A_full_or_incremental_part_reads_back_exactly(string? baseId)
    {
        var part = Sample(baseId);
        AssertSame(part, SnapshotPart.Decode(part.Encode()));
    }

    [Fact]
    public void An_empty_part_reads_back()
    {
        var part = new SnapshotPart(null, [], []);
        var decoded = SnapshotPart.Decode(part.Encode());
        Assert.Empty(decoded.Entries);
        Assert.Empty(decoded.Deleted);
        Assert.Null(decoded.BaseSnapshotId);
    }

    [Fact]
    public void The_encoding_is_the_layout_and_nothing_more()
    {
        // magic 4 + base id (4 + 0) + count 4 + entry ("k": 4 + 1, offset 8, payload 4 + 2) + deleted count 4 + crc 4
        var bytes = new SnapshotPart(null, [new SnapshotEntry("k", 1, [9, 9])], []).Encode();
        Assert.Equal(4 + 4 + 4 + 5 + 8 + 6 + 4 + 4, bytes.Length);
        Assert.Equal("SNP2"u8.ToArray(), bytes[..4]);
    }

    [Fact]
    public void Parts_written_by_the_first_version_are_still_read()
    {
        var part = Sample("base-1");
        AssertSame(part, SnapshotPart.Decode(FirstVersion(part)));
    }

    [Fact]
    public void A_flipped_byte_anywhere_fails_the_crc()
    {
        var bytes = Sample("b").Encode();
        foreach (var at in new[] { 4, 10, bytes.Length / 2, bytes.Length - 5, bytes.Length - 1 })
        {
            var corrupt = bytes.ToArray();
            corrupt[at] ^= 0x20;
            var error = Assert.Throws<FormatException>(() => SnapshotPart.Decode(corrupt));
            Assert.Contains("CRC", error.Message);
        }
    }

    [Fact]
    public void A_truncated_part_is_a_format_error()
    {
        var bytes = Sample().Encode();
        foreach (var length in new[] { 4, 12, 20, bytes.Length / 2, bytes.Length - 1 })
            Assert.Throws<FormatException>(() => SnapshotPart.Decode(bytes[..length]));
    }

    [Fact]
    public void A_count_larger_than_the_bytes_left_is_a_format_error_before_any_allocation()
    {
        // A well-formed frame (its CRC fits) whose entry count claims more entries than the bytes could hold.
        var bytes = new SnapshotPart(null, [], []).Encode();
        BitConverter.GetBytes(int.MaxValue).CopyTo(bytes, 8);
        BitConverter.GetBytes(System.IO.Hashing.Crc32.HashToUInt32(bytes.AsSpan(0, bytes.Length - 4))).CopyTo(bytes, bytes.Length - 4);
        var error = Assert.Throws<FormatException>(() => SnapshotPart.Decode(bytes));
        Assert.Contains("out of range", error.Message);
    }

    /// <summary>The layout the first version wrote: BinaryWriter fields in a GZip frame without compression.</summary>
    private static byte[] FirstVersion(SnapshotPart part)
    {
        using var raw = new MemoryStream();
        using (var gzip = new GZipStream(raw, CompressionLevel.NoCompression, leaveOpen: true))
        using (var writer = new BinaryWriter(gzip, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("SNP1"u8);
            writer.Write(part.BaseSnapshotId ?? "");
            writer.Write(part.Entries.Count);
            foreach (var e in part.Entries)
            {
                writer.Write(e.Key);
                writer.Write(e.NextOffset);
                writer.Write(e.Payload.Length);
                writer.Write(e.Payload);
            }
            writer.Write(part.Deleted.Count);
            foreach (var key in part.Deleted) writer.Write(key);
        }
        return raw.ToArray();
    }

    [Fact]
    public void References_round_trip_apart_from_the_entries_and_count_in_the_checksum()
    {
        var builder = new SnapshotPartBuilder(null);
        builder.Add("bob", 3, new byte[] { 9 });
        builder.AddReference("alice", 7);
        builder.AddReference("carol", 0);
        var bytes = builder.Build();
        var part = SnapshotPart.Decode(bytes);
        Assert.Equal(["bob"], part.Entries.Select(e => e.Key));
        Assert.Equal([new KeyValuePair<string, long>("alice", 7), new("carol", 0)], part.References);
        Assert.Null(part.Origin);
        Assert.Equal(SnapshotPart.Checksum(bytes), SnapshotPart.Checksum(part.Encode())); // re-encoded, same bytes

        var other = new SnapshotPartBuilder(null);
        other.Add("bob", 3, new byte[] { 9 });
        other.AddReference("alice", 8); // another version of alice
        other.AddReference("carol", 0);
        Assert.NotEqual(SnapshotPart.Checksum(bytes), SnapshotPart.Checksum(other.Build()));
        Assert.Throws<InvalidOperationException>(() => SnapshotPart.Merge(part, Sample("b")));
    }

    [Fact]
    public void A_resolved_part_matches_the_checksum_of_the_part_it_resolves_and_nothing_else()
    {
        var builder = new SnapshotPartBuilder(null);
        builder.AddReference("alice", 7);
        var withReferences = builder.Build();
        var checksum = SnapshotPart.Checksum(withReferences);

        var resolved = new SnapshotPartBuilder(null, origin: checksum);
        resolved.Add("alice", 7, new byte[] { 1, 2 });
        var bytes = resolved.Build();
        var part = SnapshotPart.Decode(bytes);
        Assert.Equal(checksum, part.Origin);
        Assert.Empty(part.References);
        Assert.Equal([1, 2], part.Entries.Single().Payload);
        Assert.True(SnapshotPart.Matches(bytes, checksum));
        Assert.True(SnapshotPart.Matches(withReferences, checksum));
        Assert.False(SnapshotPart.Matches(bytes, SnapshotPart.Checksum(Sample().Encode())));

        bytes[^9] ^= 1; // a changed payload byte breaks the CRC: the part no longer reads, so it matches nothing
        Assert.False(SnapshotPart.Matches(bytes, checksum));
        Assert.Throws<FormatException>(() => SnapshotPart.Decode(bytes));
    }
}
