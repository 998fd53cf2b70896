using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Trading.Runtime.Snapshots;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.Snapshots;

/// <summary>
/// The compactor against both stores (memory, and the real Redis of scripts/services.sh up): parts written uncompressed
/// are compressed in place, keep their reported checksum, read back the same, and a deleted snapshot is not revived.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SnapshotPartCompactorTests : IAsyncLifetime
{
    private ConnectionMultiplexer? _redis;

    public async Task InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis.Configuration);

    public Task DisposeAsync()
    {
        _redis?.Dispose();
        return Task.CompletedTask;
    }

    public static TheoryData<string> Stores => new() { "memory", "redis" };

    private ISnapshotStore Store(string kind) => kind == "memory"
        ? new InMemorySnapshotStore()
        : new RedisSnapshotStore(_redis!, TestServers.UniqueName("tc_compact") + ":", TestServers.Redis.Database);

    private static SnapshotPart Accounts(int partition, int grains) => new(null,
        Enumerable.Range(0, grains).Select(i => new SnapshotEntry($"{partition}-{i:D5}", i + 1,
            Encoding.UTF8.GetBytes($"{{\"user\":{i},\"balance\":{i * 13},\"side\":\"LONG\",\"qty\":{i % 9}}}"))).ToList(), []);

    /// <summary>Stores parts as the writers do (layout 2) and returns the reports the coordinator would hold.</summary>
    private static async Task<List<SnapshotPartReport>> WriteAsync(ISnapshotStore store, string snapshotId, params SnapshotPart[] parts)
    {
        var reports = new List<SnapshotPartReport>();
        for (var p = 0; p < parts.Length; p++)
        {
            var bytes = parts[p].Encode();
            await store.PutPartAsync(snapshotId, "Position", p, bytes);
            reports.Add(new SnapshotPartReport(snapshotId, "Position", "t", p, parts.Length, 10, 11, 5, parts[p].Entries.Count,
                parts[p].Entries.Count, bytes.Length, SnapshotPart.Checksum(bytes), null, 0, 0));
        }
        return reports;
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Parts_are_compressed_in_place_keep_their_checksums_and_read_back_the_same(string kind)
    {
        var store = Store(kind);
        var parts = new[] { Accounts(0, 3_000), Accounts(1, 2_000), Accounts(2, 0) };
        var reports = await WriteAsync(store, "s1", parts);
        var compactor = new SnapshotPartCompactor(store, NullLogger.Instance);

        var result = await compactor.CompactAsync("s1", reports);
        Assert.Equal(2, result.PartsCompressed); // the empty part is under the minimum and stays as it is
        Assert.Equal(reports.Sum(r => r.Bytes), result.BytesBefore);
        Assert.True(result.BytesAfter < result.BytesBefore / 3, $"{result.BytesAfter} of {result.BytesBefore}");

        var reader = new SnapshotReader(store);
        for (var p = 0; p < parts.Length; p++)
        {
            var stored = (await store.GetPartAsync("s1", "Position", p))!;
            Assert.Equal(p < 2, SnapshotPartCompression.IsCompressed(stored));
            var entries = await reader.ReadAsync(reports[p], baseSnapshotId: null); // checks the reported checksum
            Assert.Equal(parts[p].Entries.Select(e => (e.Key, e.NextOffset, Convert.ToHexString(e.Payload))),
                entries.Select(e => (e.Key, e.NextOffset, Convert.ToHexString(e.Payload))));
        }

        var again = await compactor.CompactAsync("s1", reports);
        Assert.Equal(0, again.PartsCompressed);
        Assert.Equal(result.BytesAfter, again.BytesAfter);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_part_deleted_before_it_is_replaced_is_not_written_back(string kind)
    {
        var store = Store(kind);
        var reports = await WriteAsync(store, "s2", Accounts(0, 1_000));
        var frame = Accounts(0, 1_000).EncodeCompressed();
        await store.DeleteAsync("s2");
        Assert.False(await store.ReplacePartAsync("s2", "Position", 0, frame));
        Assert.Null(await store.GetPartAsync("s2", "Position", 0));
        Assert.Equal(0, (await new SnapshotPartCompactor(store, NullLogger.Instance).CompactAsync("s2", reports)).PartsCompressed);
        Assert.Null(await store.GetPartAsync("s2", "Position", 0));
    }
}
