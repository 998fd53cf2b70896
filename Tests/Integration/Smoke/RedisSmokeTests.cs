using StackExchange.Redis;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.Integration.Smoke;

[Trait("Category", "Integration")]
public sealed class RedisSmokeTests
{
    [Fact]
    public async Task Values_written_through_StackExchange_Redis_read_back_with_their_ttl()
    {
        var options = TestServers.Redis;
        using var connection = await ConnectionMultiplexer.ConnectAsync(options.Configuration);
        var db = connection.GetDatabase(options.Database);
        var key = TestServers.UniqueName("smoke:redis");

        Assert.True(await db.StringSetAsync(key, "payload-1", TimeSpan.FromMinutes(5)));
        Assert.Equal("payload-1", (string?)await db.StringGetAsync(key));
        var ttl = await db.KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl!.Value.TotalSeconds, 1, 300);

        var hash = key + ":h";
        await db.HashSetAsync(hash, [new HashEntry("a", 1), new HashEntry("b", 2)]);
        Assert.Equal(2, await db.HashLengthAsync(hash));
        Assert.Equal(2, (long)await db.HashGetAsync(hash, "b"));
        await db.KeyDeleteAsync([key, hash]);
        Assert.False(await db.KeyExistsAsync(key));
    }
}
