using Microsoft.Extensions.Options;
using Trading.Runtime.Cluster;
using Trading.Runtime.Configuration;

namespace Trading.Silo.Hosting;

/// <summary>Announces this silo in the directory when the host starts and marks it stopped on shutdown.</summary>
internal sealed class SiloLifetimeService(
    ISiloDirectory directory,
    IOptions<ClusterOptions> cluster,
    TimeProvider clock,
    ILogger<SiloLifetimeService> logger) : IHostedService
{
    private SiloInfo? _self;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = cluster.Value;
        var embedded = options.Mode == ClusterMode.Embedded;
        _self = new SiloInfo(
            options.ResolveSiloId(),
            options.Mode.ToString(),
            SiloStatus.Active,
            clock.GetUtcNow(),
            StreamProvider: embedded ? "in-memory" : "kafka",
            StateProvider: embedded ? "in-memory" : "redis");
        directory.Report(_self);
        logger.LogInformation("Silo {SiloId} active in {Mode} mode, cluster {ClusterId}",
            _self.SiloId, _self.Mode, options.ClusterId);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_self is not null)
        {
            directory.Report(_self with { Status = SiloStatus.Stopped });
            logger.LogInformation("Silo {SiloId} stopped", _self.SiloId);
        }
        return Task.CompletedTask;
    }
}
