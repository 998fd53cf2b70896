using System.ComponentModel.DataAnnotations;

namespace Trading.Runtime.Configuration;

/// <summary>The ClickHouse history: the exporter that fills it (silo) and the read endpoints (gateway).</summary>
public sealed class HistoryOptions
{
    public const string Section = "History";

    /// <summary>Export and serve history; unset means on in Kafka mode and off in Embedded mode.</summary>
    public bool? Enabled { get; set; }

    [Required, RegularExpression("^[A-Za-z_][A-Za-z0-9_]*$")] public string TradesTable { get; set; } = "trades";
    [Required, RegularExpression("^[A-Za-z_][A-Za-z0-9_]*$")] public string OrdersTable { get; set; } = "orders";
    [Required, RegularExpression("^[A-Za-z_][A-Za-z0-9_]*$")] public string PositionChangesTable { get; set; } = "position_changes";
    [Required, RegularExpression("^[A-Za-z_][A-Za-z0-9_]*$")] public string KlinesTable { get; set; } = "klines_1m";

    /// <summary>An insert batch is written at this many rows...</summary>
    [Range(1, 1_000_000)] public int BatchRows { get; set; } = 1000;

    /// <summary>...or when its oldest row has waited this long.</summary>
    [Range(1, 600_000)] public int BatchIntervalMs { get; set; } = 1000;

    /// <summary>
    /// A due batch also takes the records already fetched from Kafka, up to this many rows (never fewer than
    /// <see cref="BatchRows"/>): an exporter that is behind writes fewer, larger inserts and catches up.
    /// </summary>
    [Range(1, 1_000_000)] public int MaxBatchRows { get; set; } = 50_000;

    /// <summary>
    /// Members of the trades consumer group per silo, each with its own thread and batches: the group splits the
    /// match-results partitions (and so the symbols) between them, and their inserts overlap.
    /// </summary>
    [Range(1, 64)] public int TradeConsumers { get; set; } = 2;

    /// <summary>First wait after a failed insert; doubled per failure up to <see cref="RetryMaxMs"/>.</summary>
    [Range(1, 600_000)] public int RetryInitialMs { get; set; } = 200;

    [Range(1, 600_000)] public int RetryMaxMs { get; set; } = 5000;

    public bool IsEnabled(ClusterMode mode) => Enabled ?? mode == ClusterMode.Kafka;
}
