using System.Diagnostics;
using Microsoft.Extensions.Options;
using Trading.Runtime.Cluster;
using Trading.Runtime.Configuration;
using Trading.Runtime.Operations;

namespace Trading.Client.Api.Operations;

/// <summary>Whether every live silo confirmed a control change, and which did.</summary>
public sealed record ControlOutcome(bool Confirmed, long Version, long ElapsedMs, IReadOnlyList<SiloConfirmation> Silos);

public sealed record SiloConfirmation(string SiloId, bool Confirmed);

/// <summary>An offset reset and how far the owners of its partitions got.</summary>
public sealed record ResetOutcome(bool Confirmed, string ResetId, string Topic, long Version, long ElapsedMs, IReadOnlyList<PartitionResetView> Partitions);

public sealed record PartitionResetView(int Partition, string Target, string? SiloId, long? Offset, bool Applied);

/// <summary>
/// Changes the desired consumption state in the control store and waits (up to <see cref="OperationsOptions.ConfirmTimeoutMs"/>)
/// until the live silos (those with a current report) acknowledge it.
/// </summary>
public sealed class KafkaConsumerControl(IOperationsControlStore store, ISiloReports reports, IOptions<OperationsOptions> options, TimeProvider clock,
    ILogger<KafkaConsumerControl> logger)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(10);

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Pauses (or resumes) every silo's grain consumers; confirmed when each one's partitions stopped (or restarted) fetching.</summary>
    public async Task<ControlOutcome> SetPausedAsync(bool paused, CancellationToken ct)
    {
        var state = await store.UpdateAsync(s => s with { Paused = paused, ChangedAt = Now }, ct).ConfigureAwait(false);
        logger.LogWarning("Consumption {Action} requested (control version {Version})", paused ? "pause" : "resume", state.Version);
        return await WaitAsync(state.Version, a => a.Paused == paused && (!paused || a.PauseApplied), ct).ConfigureAwait(false);
    }

    /// <summary>Every silo sends its batched outputs, waits for their acknowledgements and commits what that allows.</summary>
    public async Task<ControlOutcome> FlushAsync(CancellationToken ct)
    {
        var state = await store.UpdateAsync(s => s with { FlushRequest = s.Version + 1 }, ct).ConfigureAwait(false);
        logger.LogInformation("Output flush requested (request {Request})", state.FlushRequest);
        return await WaitAsync(state.Version, a => a.FlushRequest >= state.FlushRequest, ct).ConfigureAwait(false);
    }

    /// <summary>Records an offset reset for <paramref name="topic"/> and waits until the owner of every targeted partition applied it.</summary>
    public async Task<ResetOutcome> ResetAsync(string topic, string? all, IReadOnlyDictionary<int, string>? partitions, int partitionCount, CancellationToken ct)
    {
        var now = Now;
        var reset = new OffsetReset(Guid.NewGuid().ToString("N"), topic, all, partitions, now, now + options.Value.ResetValiditySeconds * 1000L);
        var state = await store.UpdateAsync(s => s with { Resets = s.Resets.Where(r => r.ExpiresAt > now).Append(reset).ToArray() }, ct).ConfigureAwait(false);
        logger.LogWarning("Offset reset {ResetId} of {Topic} requested: {Targets}", reset.Id, topic,
            all ?? string.Join(",", partitions!.Select(p => $"{p.Key}->{p.Value}")));
        var targets = all is not null ? Enumerable.Range(0, partitionCount).ToArray() : partitions!.Keys.Order().ToArray();
        var watch = Stopwatch.StartNew();
        IReadOnlyList<ResetProgress> progress;
        while (true)
        {
            progress = await store.ResetProgressAsync(reset.Id, topic, ct).ConfigureAwait(false);
            var applied = progress.Where(p => p.AppliedOffset is not null).Select(p => p.Partition).ToHashSet();
            if (targets.All(applied.Contains) || watch.ElapsedMilliseconds >= options.Value.ConfirmTimeoutMs) break;
            await Task.Delay(PollEvery, ct).ConfigureAwait(false);
        }
        var byPartition = progress.ToDictionary(p => p.Partition);
        var views = targets.Select(p =>
        {
            byPartition.TryGetValue(p, out var done);
            return new PartitionResetView(p, reset.TargetFor(p).ToString(), done?.SiloId, done?.AppliedOffset, done?.AppliedOffset is not null);
        }).ToArray();
        return new ResetOutcome(views.All(v => v.Applied), reset.Id, topic, state.Version, watch.ElapsedMilliseconds, views);
    }

    private async Task<ControlOutcome> WaitAsync(long version, Func<SiloControlAck, bool> applied, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var live = (await reports.ReadAsync(ct).ConfigureAwait(false)).Select(r => r.SiloId).ToArray();
        while (true)
        {
            var acks = (await store.AcknowledgementsAsync(ct).ConfigureAwait(false)).ToDictionary(a => a.SiloId, StringComparer.Ordinal);
            var silos = live.Select(id => new SiloConfirmation(id, acks.TryGetValue(id, out var a) && a.Version >= version && applied(a))).ToArray();
            var confirmed = silos.All(s => s.Confirmed);
            if (confirmed || watch.ElapsedMilliseconds >= options.Value.ConfirmTimeoutMs)
                return new ControlOutcome(confirmed, version, watch.ElapsedMilliseconds, silos);
            await Task.Delay(PollEvery, ct).ConfigureAwait(false);
        }
    }
}
