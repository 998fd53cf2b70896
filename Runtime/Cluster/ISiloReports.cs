using Trading.Runtime.Hosting;

namespace Trading.Runtime.Cluster;

/// <summary>The latest report of every live silo: from Redis in the full mode, built in process in the embedded mode.</summary>
public interface ISiloReports
{
    Task<IReadOnlyList<SiloReport>> ReadAsync(CancellationToken cancellationToken = default);
}
