using Trading.Runtime.Snapshots;

namespace Trading.Tests.Snapshots;

public sealed class SnapshotPartBuilderTests
{
    [Fact]
    public void Entries_added_in_any_order_are_stored_sorted_by_key_and_deleted_keys_too()
    {
        using var builder = new SnapshotPartBuilder("base");
        builder.Add("m", 2, new byte[] { 2 }.AsSpan());
        builder.Add("B", 1, [1]);
        builder.Add("a", 3, new byte[] { 3 }.AsSpan());
        builder.Delete("z");
        builder.Delete("c");
        var part = SnapshotPart.Decode(builder.Build());
        Assert.Equal(["B", "a", "m"], part.Entries.Select(e => e.Key)); // ordinal: upper case first
        Assert.Equal([1L, 3L, 2L], part.Entries.Select(e => e.NextOffset));
        Assert.Equal(["c", "z"], part.Deleted);
        Assert.Equal("base", part.BaseSnapshotId);
    }

    [Fact]
    public void A_span_payload_is_copied_when_added_so_its_buffer_may_be_reused()
    {
        using var builder = new SnapshotPartBuilder(null);
        var buffer = new byte[] { 1, 2, 3 };
        builder.Add("k", 5, buffer.AsSpan());
        buffer[0] = 99;
        var part = SnapshotPart.Decode(builder.Build());
        Assert.Equal(new byte[] { 1, 2, 3 }, part.Entries[0].Payload);
    }

    [Fact]
    public void Thousands_of_payloads_across_many_blocks_and_large_ones_read_back_exactly()
    {
        // 6,000 payloads of ~1.3 KB fill several 1 MB blocks; some are above the copy limit and are referenced instead.
        var random = new Random(7);
        var expected = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        using var builder = new SnapshotPartBuilder(null);
        for (var i = 0; i < 6_000; i++)
        {
            var payload = new byte[i % 1_000 == 0 ? 300_000 : 1_000 + random.Next(700)];
            random.NextBytes(payload);
            var key = $"user-{random.Next():x8}-{i}";
            expected[key] = payload;
            builder.Add(key, i, payload.AsSpan());
        }
        Assert.Equal(6_000, builder.Count);
        var offsets = builder.Offsets();
        Assert.Equal(6_000, offsets.Count);
        var part = SnapshotPart.Decode(builder.Build());
        Assert.Equal(expected.Keys, part.Entries.Select(e => e.Key));
        foreach (var e in part.Entries) Assert.Equal(expected[e.Key], e.Payload);
    }

    [Fact]
    public void Two_builders_after_each_other_do_not_share_payload_bytes()
    {
        // The second builder reuses the first one's pooled blocks: the first part must already hold its own copy.
        using var first = new SnapshotPartBuilder(null);
        first.Add("a", 1, new byte[] { 1, 1, 1 }.AsSpan());
        var firstBytes = first.Build();
        using var second = new SnapshotPartBuilder(null);
        second.Add("a", 1, new byte[] { 2, 2, 2 }.AsSpan());
        second.Build();
        Assert.Equal(new byte[] { 1, 1, 1 }, SnapshotPart.Decode(firstBytes).Entries[0].Payload);
    }
}
