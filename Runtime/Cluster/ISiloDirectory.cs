namespace Trading.Runtime.Cluster;

/// <summary>The silos this process knows about. In embedded mode that is the in-process silo.</summary>
public interface ISiloDirectory
{
    IReadOnlyList<SiloInfo> Silos { get; }
    void Report(SiloInfo silo);
}
