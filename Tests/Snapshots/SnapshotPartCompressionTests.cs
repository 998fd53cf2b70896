using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Trading.Runtime.Snapshots;

namespace Trading.Tests.Snapshots;

public sealed class SnapshotPartCompressionTests
{
    /// <summary>Grain states alike from grain to grain, as accounts and books are: the part compresses well.</summary>
    private static SnapshotPart Alike(int grains, string? baseId = null) => new(
        baseId,
        Enumerable.Range(0, grains)
            .Select(i => new SnapshotEntry($"user-{i:D6}", 1_000 + i,
                Encoding.UTF8.GetBytes($"{{\"balance\":{i * 37},\"positions\":[{{\"symbol\":\"BTCUSDT\",\"qty\":{i % 17},\"entry\":{50_000 + i % 300}}}]}}")))
            .ToList(),
        baseId is null ? [] : ["gone-1", "gone-2"]);

    private static void AssertSame(SnapshotPart expected, SnapshotPart actual)
    {
        Assert.Equal(expected.BaseSnapshotId, actual.BaseSnapshotId);
        Assert.Equal(expected.Entries.Select(e => (e.Key, e.NextOffset, Convert.ToHexString(e.Payload))),
            actual.Entries.Select(e => (e.Key, e.NextOffset, Convert.ToHexString(e.Payload))));
        Assert.Equal(expected.Deleted, actual.Deleted);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("snap-base-7")]
    public void A_compressed_part_is_smaller_and_reads_back_exactly(string? baseId)
    {
        var part = Alike(5_000, baseId);
        var plain = part.Encode();
        var stored = part.EncodeCompressed();
        Assert.Equal("SNP3"u8.ToArray(), stored[..4]);
        Assert.Equal(plain.Length, BinaryPrimitives.ReadInt32LittleEndian(stored.AsSpan(4)));
        Assert.True(stored.Length < plain.Length / 3, $"{stored.Length} compressed bytes of {plain.Length}");
        AssertSame(part, SnapshotPart.Decode(stored));
        Assert.Equal(plain, SnapshotPartCompression.Decompress(stored));
    }

    [Fact]
    public void A_compressed_part_has_the_checksum_of_its_content_and_a_corrupt_frame_matches_none()
    {
        var part = Alike(2_000);
        var plain = part.Encode();
        var stored = part.EncodeCompressed();
        Assert.Equal(SnapshotPart.Checksum(plain), SnapshotPart.Checksum(stored));
        var corrupt = stored.ToArray();
        corrupt[corrupt.Length / 2] ^= 0x41;
        Assert.NotEqual(SnapshotPart.Checksum(plain), SnapshotPart.Checksum(corrupt));
    }

    [Fact]
    public void A_part_that_does_not_shrink_is_stored_uncompressed()
    {
        var random = new Random(11);
        var noise = new byte[50_000];
        random.NextBytes(noise);
        var part = new SnapshotPart(null, [new SnapshotEntry("random", 3, noise)], []);
        var stored = part.EncodeCompressed();
        Assert.Equal(part.Encode(), stored);
        AssertSame(part, SnapshotPart.Decode(stored));

        var tiny = new SnapshotPart(null, [new SnapshotEntry("k", 1, [9])], []);
        Assert.Equal(tiny.Encode(), tiny.EncodeCompressed());
    }

    [Fact]
    public void A_truncated_compressed_part_is_a_format_error()
    {
        var part = Alike(2_000);
        var stored = part.EncodeCompressed();
        foreach (var length in new[] { 4, 7, 8, 9, stored.Length / 2, stored.Length - 64 })
            Assert.True(Record.Exception(() => SnapshotPart.Decode(stored[..length])) is FormatException, $"cut at {length} of {stored.Length}");
        // The last bytes may hold only Deflate's end-of-block code (DeflateStream does not insist on it): without them
        // a part either fails or reads back whole, never as another part (its content has a CRC-32 of its own).
        for (var length = stored.Length - 63; length < stored.Length; length++)
        {
            var cut = stored[..length];
            var error = Record.Exception(() => AssertSame(part, SnapshotPart.Decode(cut)));
            Assert.True(error is null or FormatException, $"cut at {length} of {stored.Length}: {error}");
        }
    }

    [Fact]
    public void Flipped_compressed_bytes_never_decode_to_another_part()
    {
        var part = Alike(2_000);
        var stored = part.EncodeCompressed();
        for (var at = 8; at < stored.Length; at += 97)
        {
            var corrupt = stored.ToArray();
            corrupt[at] ^= 0x41;
            // Either inflating fails, or the inflated part fails its CRC-32: a corrupt part is never taken for a good one.
            Assert.Throws<FormatException>(() => SnapshotPart.Decode(corrupt));
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(int.MaxValue)]
    public void A_declared_length_that_cannot_be_is_refused_before_allocating_it(int declared)
    {
        var stored = Alike(100).EncodeCompressed();
        BinaryPrimitives.WriteInt32LittleEndian(stored.AsSpan(4), declared);
        var error = Assert.Throws<FormatException>(() => SnapshotPart.Decode(stored));
        Assert.Contains("declares", error.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(+1)]
    public void A_declared_length_other_than_the_inflated_one_is_a_format_error(int off)
    {
        var stored = Alike(500).EncodeCompressed();
        var declared = BinaryPrimitives.ReadInt32LittleEndian(stored.AsSpan(4));
        BinaryPrimitives.WriteInt32LittleEndian(stored.AsSpan(4), declared + off);
        var error = Assert.Throws<FormatException>(() => SnapshotPart.Decode(stored));
        Assert.Contains(off < 0 ? "more than" : "fewer than", error.Message);
    }

    [Fact]
    public void A_frame_whose_inflated_bytes_are_not_a_part_is_a_format_error()
    {
        // A well-formed Deflate stream of the declared length, holding something other than layout 2.
        var junk = Encoding.UTF8.GetBytes(new string('x', 4_000));
        using var buffer = new MemoryStream();
        buffer.Write("SNP3"u8);
        buffer.Write(BitConverter.GetBytes(junk.Length));
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) deflate.Write(junk);
        Assert.Throws<FormatException>(() => SnapshotPart.Decode(buffer.ToArray()));
    }
}
