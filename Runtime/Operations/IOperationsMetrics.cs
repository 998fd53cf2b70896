namespace Trading.Runtime.Operations;

/// <summary>
/// Where snapshot and recovery code reports the indicators it owns: snapshot generation time, recovery time and
/// validation results. Register with <c>AddOperationsMetrics()</c> (the silo and the gateway both do); each process
/// publishes its figures (silos in their statistics), and the gateway's /metrics merges them. Cheap and thread-safe.
/// </summary>
public interface IOperationsMetrics
{
    /// <summary>A snapshot was generated (or failed) after <paramref name="duration"/>.</summary>
    void SnapshotGenerated(TimeSpan duration, bool succeeded);

    /// <summary>A recovery from a snapshot completed (or failed) after <paramref name="duration"/>.</summary>
    void RecoveryCompleted(TimeSpan duration, bool succeeded);

    /// <summary>A snapshot was validated: valid, or with <paramref name="problems"/> problems.</summary>
    void SnapshotValidated(bool valid, int problems);

    /// <summary>The figures so far; the "last" ones are null until something was reported ("no data yet").</summary>
    OperationsSample Sample();
}

/// <summary>One timed operation: how long it took, whether it succeeded, when it ended (epoch ms).</summary>
public sealed record TimedOperation(long DurationMs, bool Succeeded, long At);

/// <summary>One validation: its result and when it ran (epoch ms).</summary>
public sealed record ValidationResult(bool Valid, int Problems, long At);

/// <summary>The operations figures of one process, with <see cref="Origin"/> naming it (silo id).</summary>
public sealed record OperationsSample(
    string Origin,
    TimedOperation? LastSnapshot, long Snapshots, long SnapshotFailures,
    TimedOperation? LastRecovery, long Recoveries, long RecoveryFailures,
    ValidationResult? LastValidation, long ValidationsPassed, long ValidationsFailed)
{
    public static OperationsSample Empty(string origin) => new(origin, null, 0, 0, null, 0, 0, null, 0, 0);

    /// <summary>Counts added, the later "last" of each kind kept (the gateway's merge of every process).</summary>
    public OperationsSample Merge(OperationsSample other) => new(Origin,
        Later(LastSnapshot, other.LastSnapshot), Snapshots + other.Snapshots, SnapshotFailures + other.SnapshotFailures,
        Later(LastRecovery, other.LastRecovery), Recoveries + other.Recoveries, RecoveryFailures + other.RecoveryFailures,
        LastValidation is null || (other.LastValidation is not null && other.LastValidation.At > LastValidation.At) ? other.LastValidation : LastValidation,
        ValidationsPassed + other.ValidationsPassed, ValidationsFailed + other.ValidationsFailed);

    private static TimedOperation? Later(TimedOperation? a, TimedOperation? b) => a is null || (b is not null && b.At > a.At) ? b : a;
}
