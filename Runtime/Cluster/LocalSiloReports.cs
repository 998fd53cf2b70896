using Microsoft.Extensions.DependencyInjection;
using Trading.Runtime.Hosting;
using Trading.Runtime.Operations;
using Trading.Runtime.Streams;

namespace Trading.Runtime.Cluster;

/// <summary>The report of the silo in this process (embedded mode), built when asked; none when the process hosts no silo.</summary>
public sealed class LocalSiloReports(IServiceProvider services) : ISiloReports, IDisposable
{
    private readonly object _gate = new();
    private SiloReportBuilder? _builder;

    public Task<IReadOnlyList<SiloReport>> ReadAsync(CancellationToken cancellationToken = default)
    {
        var silo = services.GetService<SiloRuntime>();
        if (silo is null || !silo.Running) return Task.FromResult<IReadOnlyList<SiloReport>>([]);
        lock (_gate)
        {
            _builder ??= new SiloReportBuilder(silo, services.GetRequiredService<IMessageLog>(), services.GetService<IOperationsMetrics>());
            return Task.FromResult<IReadOnlyList<SiloReport>>([_builder.Build()]);
        }
    }

    public void Dispose()
    {
        lock (_gate) _builder?.Dispose();
    }
}
