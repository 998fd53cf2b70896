using Microsoft.Extensions.Options;
using Trading.Runtime.Configuration;

namespace Trading.Runtime.Operations;

/// <summary>The process's <see cref="IOperationsMetrics"/>: latest values and counts under one lock (reported rarely).</summary>
public sealed class OperationsMetrics(IOptions<ClusterOptions> cluster, TimeProvider clock) : IOperationsMetrics
{
    private readonly object _gate = new();
    private OperationsSample _sample = OperationsSample.Empty(cluster.Value.ResolveSiloId());

    public void SnapshotGenerated(TimeSpan duration, bool succeeded)
    {
        var op = new TimedOperation((long)duration.TotalMilliseconds, succeeded, Now);
        lock (_gate)
            _sample = _sample with { LastSnapshot = op, Snapshots = _sample.Snapshots + 1, SnapshotFailures = _sample.SnapshotFailures + (succeeded ? 0 : 1) };
    }

    public void RecoveryCompleted(TimeSpan duration, bool succeeded)
    {
        var op = new TimedOperation((long)duration.TotalMilliseconds, succeeded, Now);
        lock (_gate)
            _sample = _sample with { LastRecovery = op, Recoveries = _sample.Recoveries + 1, RecoveryFailures = _sample.RecoveryFailures + (succeeded ? 0 : 1) };
    }

    public void SnapshotValidated(bool valid, int problems)
    {
        var result = new ValidationResult(valid, problems, Now);
        lock (_gate)
            _sample = _sample with
            {
                LastValidation = result,
                ValidationsPassed = _sample.ValidationsPassed + (valid ? 1 : 0),
                ValidationsFailed = _sample.ValidationsFailed + (valid ? 0 : 1),
            };
    }

    public OperationsSample Sample()
    {
        lock (_gate) return _sample;
    }

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
