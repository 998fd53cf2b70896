using StackExchange.Redis;

namespace Trading.Runtime.State;

/// <summary>
/// A second Redis connection for bulk transfers: snapshot parts, the checkpoint reads of a snapshot, snapshot documents.
/// StackExchange.Redis sends every command of one connection down one socket in order, so a checkpoint save of the
/// matching path queued behind megabytes of snapshot reads would wait for all of them, and its partition with it.
/// On its own socket the bulk traffic only shares the Redis server, which answers the two connections in turn.
/// </summary>
public sealed class BulkRedisConnection(ConnectionMultiplexer connection) : IDisposable
{
    public ConnectionMultiplexer Connection { get; } = connection;

    public void Dispose() => Connection.Dispose();
}
