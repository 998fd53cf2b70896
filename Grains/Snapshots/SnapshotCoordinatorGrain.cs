using Microsoft.Extensions.Options;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Runtime.Configuration;
using Trading.Runtime.Grains;
using Trading.Runtime.Hosting;
using Trading.Runtime.Snapshots;

namespace Trading.Grains.Snapshots;

/// <summary>
/// Takes consistent snapshots with barriers, as stream processors do: on a request (or its timer) it writes a
/// barrier into every partition of every other grain type's input topic; each partition's worker cuts its
/// grains at the barrier and, once the part is stored, a report comes back here. When every partition has
/// reported, the manifest (per-partition offsets, part checksums) goes to the <c>snapshots</c> topic. A snapshot
/// that misses a part past <c>Snapshots:TimeoutSeconds</c>, or gets a failed part, is marked failed.
/// </summary>
public sealed class SnapshotCoordinatorGrain(GrainTypeRegistry types, IOptions<TopicOptions> topics, IOptions<SnapshotOptions> options)
    : Grain<SnapshotCoordinatorState>, ISnapshotCoordinatorGrain
{
    private const string ScheduleTimer = "snapshot";
    private const string TimeoutTimer = "timeout";
    private const int Remembered = 50;

    private readonly TopicOptions _topics = topics.Value;
    private readonly SnapshotOptions _options = options.Value;

    protected override void OnStateLoaded()
    {
        if (State.FullEvery == 0) State.FullEvery = _options.FullEvery;
    }

    public override Task OnMessageAsync(object message, IMessageContext context)
    {
        switch (message)
        {
            case TakeSnapshot take: context.Reply(Take(take.Symbol, take.Full, context).ToStatus()); break;
            case SnapshotPartReport report: OnReport(report, context); break;
            case GetSnapshotStatus q: Reply(q.SnapshotId, context); break;
            case ListSnapshots q: context.Reply(List(Math.Clamp(q.Limit, 1, Remembered))); break;
            case ConfigureSnapshotSchedule s: Configure(s, context); break;
            default: throw new ArgumentException($"SnapshotCoordinator does not handle {message.GetType().Name}.");
        }
        return Task.CompletedTask;
    }

    public override Task OnTimerAsync(string name, long tick, IMessageContext context)
    {
        if (name == ScheduleTimer && State.IntervalSeconds > 0 && !AnyPending()) Take(null, false, context); // never pile snapshots up
        if (name == TimeoutTimer) ExpireOverdue(context);
        return Task.CompletedTask;
    }

    private SnapshotRecord Take(string? symbol, bool forceFull, IMessageContext context)
    {
        var full = symbol is not null || forceFull || State.LastFullId is null || State.Taken % Math.Max(1, State.FullEvery) == 0;
        var record = new SnapshotRecord
        {
            SnapshotId = $"snap-{context.Timestamp}-{context.Offset}",
            Kind = full ? SnapshotKind.Full : SnapshotKind.Incremental,
            BaseSnapshotId = full ? null : State.LastFullId,
            Symbol = symbol,
            State = SnapshotState.Pending,
            RequestedAt = context.Timestamp,
        };
        foreach (var type in types.Hostable)
        {
            if (type.Name == SnapshotGrainTypes.Coordinator) continue;
            if (symbol is not null && type.Name != ExchangeGrainTypes.OrderBook) continue;
            var barrier = new SnapshotBarrier(record.SnapshotId, type.Name, record.BaseSnapshotId, symbol, _topics.SnapshotCommands, Key);
            var partitions = context.EmitBarrier(type.InputTopic, barrier);
            record.Scopes.Add(new SnapshotScope(type.Name, type.InputTopic, partitions));
        }
        if (symbol is null) State.Taken++;
        State.Snapshots.Add(record);
        if (State.Snapshots.Count > Remembered) State.Snapshots.RemoveAt(0);
        if (!IsTimerRegistered(TimeoutTimer)) RegisterTimer(TimeoutTimer, TimeSpan.FromSeconds(5));
        WriteStateAsync();
        return record;
    }

    private void OnReport(SnapshotPartReport report, IMessageContext context)
    {
        var record = Find(report.SnapshotId);
        if (record is null || record.State != SnapshotState.Pending) return; // forgotten or already decided
        record.Parts[$"{report.GrainType}/{report.Partition}"] = report;
        if (report.Error is not null)
        {
            Fail(record, $"{report.GrainType}/{report.Partition}: {report.Error}", context);
            return;
        }
        if (record.Parts.Count < SnapshotScope.PartsOf(record.Scopes)) return;
        record.State = SnapshotState.Completed;
        record.CompletedAt = context.Timestamp;
        if (record.Kind == SnapshotKind.Full && record.Symbol is null) State.LastFullId = record.SnapshotId;
        context.Emit(_topics.Snapshots, record.SnapshotId, new SnapshotCompleted(record.ToStatus()));
        FinishIfIdle();
        WriteStateAsync();
    }

    private void ExpireOverdue(IMessageContext context)
    {
        var limit = _options.TimeoutSeconds * 1000L;
        foreach (var record in State.Snapshots)
            if (record.State == SnapshotState.Pending && context.Timestamp - record.RequestedAt > limit)
                Fail(record, $"timed out with {record.Parts.Count} of {SnapshotScope.PartsOf(record.Scopes)} parts", context);
        FinishIfIdle();
    }

    private void Fail(SnapshotRecord record, string error, IMessageContext context)
    {
        record.State = SnapshotState.Failed;
        record.Error = error;
        record.CompletedAt = context.Timestamp;
        context.Emit(_topics.Snapshots, record.SnapshotId, new SnapshotFailed(record.ToStatus()));
        WriteStateAsync();
    }

    private void FinishIfIdle()
    {
        if (!AnyPending()) UnregisterTimer(TimeoutTimer);
    }

    private bool AnyPending()
    {
        foreach (var r in State.Snapshots)
            if (r.State == SnapshotState.Pending) return true;
        return false;
    }

    private void Configure(ConfigureSnapshotSchedule s, IMessageContext context)
    {
        if (s.IntervalSeconds < 0 || s.IntervalSeconds > 86_400) throw new ArgumentException("intervalSeconds: must be between 0 and 86400");
        if (s.FullEvery < 1 || s.FullEvery > 1000) throw new ArgumentException("fullEvery: must be between 1 and 1000");
        var changed = s.IntervalSeconds != State.IntervalSeconds || !IsTimerRegistered(ScheduleTimer);
        State.IntervalSeconds = s.IntervalSeconds;
        State.FullEvery = s.FullEvery;
        if (s.IntervalSeconds == 0) UnregisterTimer(ScheduleTimer);
        else if (changed) RegisterTimer(ScheduleTimer, TimeSpan.FromSeconds(s.IntervalSeconds));
        WriteStateAsync();
        context.Reply(List(Remembered));
    }

    private void Reply(string? id, IMessageContext context)
    {
        var record = id is null ? (State.Snapshots.Count == 0 ? null : State.Snapshots[^1]) : Find(id);
        if (record is null) throw new ArgumentException(id is null ? "no snapshot taken yet" : $"snapshotId: {id} is unknown");
        context.Reply(record.ToStatus());
    }

    private SnapshotStatusList List(int limit)
    {
        var list = new List<SnapshotStatus>(limit);
        for (var i = State.Snapshots.Count - 1; i >= 0 && list.Count < limit; i--) list.Add(State.Snapshots[i].ToStatus());
        return new SnapshotStatusList(list);
    }

    private SnapshotRecord? Find(string id)
    {
        foreach (var r in State.Snapshots)
            if (r.SnapshotId == id) return r;
        return null;
    }
}
