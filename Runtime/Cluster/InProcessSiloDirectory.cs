using System.Collections.Concurrent;

namespace Trading.Runtime.Cluster;

/// <summary>Holds the silos hosted by this process.</summary>
public sealed class InProcessSiloDirectory : ISiloDirectory
{
    private readonly ConcurrentDictionary<string, SiloInfo> _silos = new(StringComparer.Ordinal);

    public IReadOnlyList<SiloInfo> Silos =>
        _silos.Values.OrderBy(s => s.SiloId, StringComparer.Ordinal).ToArray();

    public void Report(SiloInfo silo) => _silos[silo.SiloId] = silo;
}
