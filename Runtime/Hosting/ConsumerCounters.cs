namespace Trading.Runtime.Hosting;

/// <summary>Figures of one stream consumer of a silo (e.g. the ClickHouse history exporter), read by the statistics publisher.</summary>
public sealed class ConsumerCounters
{
    /// <summary>Records in its assigned partitions not yet read (high watermark minus position), as last measured.</summary>
    public long Lag;
    /// <summary>Rows written to the consumer's store.</summary>
    public long RowsWritten;
    /// <summary>Failed writes, commits and consumer restarts.</summary>
    public long Errors;
}
