using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;
using Trading.Runtime.Messaging;
using Trading.Runtime.Streams;

namespace Trading.Runtime.Operations;

/// <summary>
/// The control store of the full mode, in Redis under <paramref name="keyPrefix"/> (the cluster's prefix):
/// <c>ops:control</c> (the desired state, JSON, changed with optimistic transactions), <c>ops:acks</c> (hash: silo id ->
/// its last acknowledgement) and <c>ops:resets:{id}:{topic}</c> (hash: partition -> claiming silo and applied offset, one day TTL).
/// </summary>
public sealed class RedisOperationsControlStore(ConnectionMultiplexer redis, int database, string keyPrefix) : IOperationsControlStore
{
    private static readonly TimeSpan ResetTtl = TimeSpan.FromDays(1);
    private const string Claimed = "claimed";

    private string ControlKey => $"{keyPrefix}ops:control";
    private string AcksKey => $"{keyPrefix}ops:acks";
    private string ResetKey(string resetId, string topic) => $"{keyPrefix}ops:resets:{resetId}:{topic}";
    private IDatabase Db => redis.GetDatabase(database);

    public async Task<ConsumptionControlState> ReadAsync(CancellationToken cancellationToken = default)
    {
        var value = (string?)await Db.StringGetAsync(ControlKey).ConfigureAwait(false);
        return Parse(value);
    }

    public async Task<ConsumptionControlState> UpdateAsync(Func<ConsumptionControlState, ConsumptionControlState> change, CancellationToken cancellationToken = default)
    {
        var db = Db;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var old = (string?)await db.StringGetAsync(ControlKey).ConfigureAwait(false);
            var current = Parse(old);
            var next = change(current) with { Version = current.Version + 1 };
            var transaction = db.CreateTransaction();
            transaction.AddCondition(old is null ? Condition.KeyNotExists(ControlKey) : Condition.StringEqual(ControlKey, old));
            _ = transaction.StringSetAsync(ControlKey, JsonSerializer.Serialize(next, MessageTypeRegistry.JsonOptions));
            if (await transaction.ExecuteAsync().ConfigureAwait(false)) return next;
        }
    }

    public Task AcknowledgeAsync(SiloControlAck ack, CancellationToken cancellationToken = default) =>
        Db.HashSetAsync(AcksKey, ack.SiloId, JsonSerializer.Serialize(ack, MessageTypeRegistry.JsonOptions));

    public async Task<IReadOnlyList<SiloControlAck>> AcknowledgementsAsync(CancellationToken cancellationToken = default)
    {
        var entries = await Db.HashGetAllAsync(AcksKey).ConfigureAwait(false);
        var acks = new List<SiloControlAck>(entries.Length);
        foreach (var e in entries)
        {
            var ack = JsonSerializer.Deserialize<SiloControlAck>((string)e.Value!, MessageTypeRegistry.JsonOptions);
            if (ack is not null) acks.Add(ack);
        }
        return acks;
    }

    public bool TryClaimReset(string resetId, TopicPartition partition, string siloId)
    {
        var key = ResetKey(resetId, partition.Topic);
        var claimed = Db.HashSet(key, partition.Partition.ToString(CultureInfo.InvariantCulture), $"{siloId}|{Claimed}", When.NotExists);
        if (claimed) Db.KeyExpire(key, ResetTtl, CommandFlags.FireAndForget);
        return claimed;
    }

    public void ResetApplied(string resetId, TopicPartition partition, string siloId, long offset) =>
        Db.HashSet(ResetKey(resetId, partition.Topic), partition.Partition.ToString(CultureInfo.InvariantCulture),
            $"{siloId}|{offset.ToString(CultureInfo.InvariantCulture)}");

    public async Task<IReadOnlyList<ResetProgress>> ResetProgressAsync(string resetId, string topic, CancellationToken cancellationToken = default)
    {
        var entries = await Db.HashGetAllAsync(ResetKey(resetId, topic)).ConfigureAwait(false);
        var progress = new List<ResetProgress>(entries.Length);
        foreach (var e in entries)
        {
            var value = (string)e.Value!;
            var bar = value.LastIndexOf('|');
            var offset = value[(bar + 1)..];
            progress.Add(new ResetProgress(int.Parse((string)e.Name!, CultureInfo.InvariantCulture), value[..bar],
                offset == Claimed ? null : long.Parse(offset, CultureInfo.InvariantCulture)));
        }
        progress.Sort((a, b) => a.Partition.CompareTo(b.Partition));
        return progress;
    }

    private static ConsumptionControlState Parse(string? value) =>
        value is null ? ConsumptionControlState.Initial
            : JsonSerializer.Deserialize<ConsumptionControlState>(value, MessageTypeRegistry.JsonOptions) ?? ConsumptionControlState.Initial;
}
