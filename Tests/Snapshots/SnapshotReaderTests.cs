using System.Text;
using Trading.Runtime.Snapshots;

namespace Trading.Tests.Snapshots;

/// <summary>
/// The snapshot reader, at normal and at low priority (the document writer's, which inflates, hashes and decodes on
/// LowPriorityWork threads): the same entries, incremental parts merged onto their base, and the same refusals.
/// </summary>
public sealed class SnapshotReaderTests
{
    public static TheoryData<bool> Priorities => new() { false, true };

    private static SnapshotEntry Entry(string key, long offset, string body) => new(key, offset, Encoding.UTF8.GetBytes(body));

    private static async Task<SnapshotPartReport> PutAsync(ISnapshotStore store, string snapshotId, SnapshotPart part, bool compressed)
    {
        var bytes = compressed ? part.EncodeCompressed() : part.Encode();
        await store.PutPartAsync(snapshotId, "Position", 0, bytes);
        return new SnapshotPartReport(snapshotId, "Position", "t", 0, 1, 10, 11, 5, part.Entries.Count, part.Entries.Count, bytes.Length,
            SnapshotPart.ContentChecksum(part.Encode()), null, 0, 0);
    }

    private static string[] Shown(IReadOnlyList<SnapshotEntry> entries) =>
        entries.Select(e => $"{e.Key}@{e.NextOffset}={Encoding.UTF8.GetString(e.Payload)}").ToArray();

    [Theory]
    [MemberData(nameof(Priorities))]
    public async Task An_incremental_part_reads_as_its_base_with_the_changes_applied(bool lowPriority)
    {
        var store = new InMemorySnapshotStore();
        var full = new SnapshotPart(null, Enumerable.Range(0, 2_000).Select(i => Entry($"u{i:D4}", 5, $"base {i} {new string('x', i % 50)}")).ToList(), []);
        await PutAsync(store, "full", full, compressed: true);
        var changes = new SnapshotPart("full", [Entry("u0001", 9, "changed"), Entry("u9999", 9, "new")], ["u0002"]);
        var report = await PutAsync(store, "incr", changes, compressed: false);

        var entries = await new SnapshotReader(store, lowPriority).ReadAsync(report, "full");

        var expected = full.Entries.Where(e => e.Key != "u0001" && e.Key != "u0002")
            .Append(Entry("u0001", 9, "changed")).Append(Entry("u9999", 9, "new")).OrderBy(e => e.Key, StringComparer.Ordinal);
        Assert.Equal(Shown(expected.ToList()), Shown(entries));
    }

    [Theory]
    [MemberData(nameof(Priorities))]
    public async Task A_part_that_does_not_match_its_reported_checksum_is_refused(bool lowPriority)
    {
        var store = new InMemorySnapshotStore();
        var report = await PutAsync(store, "s", new SnapshotPart(null, [Entry("a", 1, "one")], []), compressed: true);
        await store.PutPartAsync("s", "Position", 0, new SnapshotPart(null, [Entry("a", 1, "two")], []).EncodeCompressed());

        var e = await Assert.ThrowsAsync<FormatException>(() => new SnapshotReader(store, lowPriority).ReadAsync(report, null));
        Assert.Contains("does not match its checksum", e.Message);
    }

    [Theory]
    [MemberData(nameof(Priorities))]
    public async Task An_incremental_part_on_an_incremental_base_is_refused(bool lowPriority)
    {
        var store = new InMemorySnapshotStore();
        await PutAsync(store, "b", new SnapshotPart("older", [Entry("a", 1, "one")], []), compressed: false);
        var report = await PutAsync(store, "i", new SnapshotPart("b", [Entry("a", 2, "two")], []), compressed: false);

        var e = await Assert.ThrowsAsync<FormatException>(() => new SnapshotReader(store, lowPriority).ReadAsync(report, "b"));
        Assert.Contains("itself incremental", e.Message);
    }
}
