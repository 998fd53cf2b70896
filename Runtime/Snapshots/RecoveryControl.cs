using System.Globalization;
using System.Text.Json;
using Trading.Runtime.Messaging;

namespace Trading.Runtime.Snapshots;

public enum RecoveryPhase { Stopping, Applied, Aborted }

/// <summary>The cluster's current recovery, as the gateway that runs it writes it.</summary>
public sealed record RecoveryState(string RecoveryId, string SnapshotId, RecoveryPhase Phase, long Timestamp);

/// <summary>Where each partition of a grain type resumes after a recovery: the snapshot's offsets.</summary>
public sealed record RewindPlan(string RecoveryId, Dictionary<int, long> Offsets);

/// <summary>
/// The recovery protocol's shared values, in the snapshot store: the gateway sets the phase (stop the grain
/// hosts; checkpoints replaced and rewinds planned; or aborted); each silo acknowledges stopping and resuming; a
/// partition's new owner starts at the planned offset once, commits it, and marks it rewound, so later
/// rebalances start from the group's commits again.
/// </summary>
public sealed class RecoveryControl(ISnapshotStore store)
{
    private const string StateName = "recovery";

    public async Task<RecoveryState?> CurrentAsync()
    {
        var value = await store.GetControlAsync(StateName).ConfigureAwait(false);
        return value is null ? null : JsonSerializer.Deserialize<RecoveryState>(value, MessageTypeRegistry.JsonOptions);
    }

    public Task SetAsync(RecoveryState state) => store.SetControlAsync(StateName, JsonSerializer.Serialize(state, MessageTypeRegistry.JsonOptions));

    public Task AcknowledgeAsync(string recoveryId, string siloId, string what) => store.SetControlAsync($"ack:{recoveryId}:{siloId}:{what}", "1");

    public async Task<bool> AcknowledgedAsync(string recoveryId, string siloId, string what) =>
        await store.GetControlAsync($"ack:{recoveryId}:{siloId}:{what}").ConfigureAwait(false) is not null;

    public Task PlanRewindAsync(string grainType, RewindPlan plan) =>
        store.SetControlAsync($"rewind:{grainType}", JsonSerializer.Serialize(plan, MessageTypeRegistry.JsonOptions));

    /// <summary>
    /// The rewinds an applied recovery planned for a grain type (read once per assignment), or null when none is pending.
    /// </summary>
    public async Task<PendingRewinds?> PendingRewindsAsync(string grainType)
    {
        var state = await CurrentAsync().ConfigureAwait(false);
        if (state is null || state.Phase != RecoveryPhase.Applied) return null;
        var value = await store.GetControlAsync($"rewind:{grainType}").ConfigureAwait(false);
        if (value is null) return null;
        var plan = JsonSerializer.Deserialize<RewindPlan>(value, MessageTypeRegistry.JsonOptions);
        return plan is null || plan.RecoveryId != state.RecoveryId ? null : new PendingRewinds(store, grainType, plan);
    }

    /// <summary>A recovery's planned offsets for one grain type; each partition is rewound once.</summary>
    public sealed class PendingRewinds(ISnapshotStore store, string grainType, RewindPlan plan)
    {
        /// <summary>The offset a newly assigned partition must start from, unless it was rewound already.</summary>
        public async Task<long?> OffsetForAsync(int partition)
        {
            if (!plan.Offsets.TryGetValue(partition, out var offset)) return null;
            var rewound = await store.GetControlAsync(RewoundName(plan.RecoveryId, grainType, partition)).ConfigureAwait(false);
            return rewound is null ? offset : null;
        }

        /// <summary>Call after the rewound offset is committed for the group.</summary>
        public Task MarkRewoundAsync(int partition) => store.SetControlAsync(RewoundName(plan.RecoveryId, grainType, partition), "1");
    }

    private static string RewoundName(string recoveryId, string grainType, int partition) =>
        $"rewound:{recoveryId}:{grainType}:{partition.ToString(CultureInfo.InvariantCulture)}";
}
