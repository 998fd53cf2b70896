namespace Trading.Runtime.Operations;

/// <summary>
/// What operators want the silos' grain consumers to do, kept in the control store and polled by every silo
/// (<see cref="SiloControlService"/>): paused or not, the latest flush request, the offset resets still valid.
/// <see cref="Version"/> grows with every change. Desired state rather than commands, so a silo that starts or takes
/// partitions over later follows it too.
/// </summary>
public sealed record ConsumptionControlState(long Version, bool Paused, long ChangedAt, long FlushRequest, IReadOnlyList<OffsetReset> Resets)
{
    public static ConsumptionControlState Initial { get; } = new(0, false, 0, 0, []);
}

/// <summary>What one silo last applied of the control state.</summary>
/// <param name="PauseApplied">Every partition this silo owns stopped fetching (only meaningful when <paramref name="Paused"/>).</param>
/// <param name="FlushRequest">The latest flush request this silo completed: outputs acknowledged, offsets committed.</param>
public sealed record SiloControlAck(string SiloId, long Version, bool Paused, bool PauseApplied, long FlushRequest, long PendingOutputs, long Timestamp);

/// <summary>One partition's progress in an offset reset: claimed by a silo, then applied at an offset.</summary>
public sealed record ResetProgress(int Partition, string SiloId, long? AppliedOffset);
