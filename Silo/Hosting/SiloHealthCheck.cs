using Microsoft.Extensions.Diagnostics.HealthChecks;
using Trading.Runtime.Hosting;

namespace Trading.Silo.Hosting;

/// <summary>/health: unhealthy when a grain type's consumer loop has failed (its partitions went to other silos).</summary>
internal sealed class SiloHealthCheck(SiloRuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var faults = runtime.Faults;
        if (faults.Count == 0) return Task.FromResult(HealthCheckResult.Healthy());
        var detail = string.Join("; ", faults.Select(f => $"{f.GrainType}: {f.Fault.Message}"));
        return Task.FromResult(HealthCheckResult.Unhealthy("consumer loop failed: " + detail));
    }
}
