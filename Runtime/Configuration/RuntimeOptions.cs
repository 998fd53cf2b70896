using System.ComponentModel.DataAnnotations;

namespace Trading.Runtime.Configuration;

/// <summary>Tuning of the virtual-actor runtime.</summary>
public sealed class RuntimeOptions
{
    public const string Section = "Runtime";

    /// <summary>Output batch flushes at this many messages...</summary>
    [Range(1, 1_000_000)] public int OutputBatchSize { get; set; } = 1000;

    /// <summary>...or after this many milliseconds, whichever comes first.</summary>
    [Range(1, 60_000)] public int OutputFlushIntervalMs { get; set; } = 50;

    /// <summary>
    /// A partition worker that has processed everything queued for it pushes the batch at once instead of waiting for
    /// the interval (the size and the interval stay upper bounds). Off: batches leave only full or on the interval.
    /// </summary>
    public bool FlushWhenIdle { get; set; } = true;

    /// <summary>A grain with unsaved inputs is checkpointed after this long.</summary>
    [Range(10, 600_000)] public int CheckpointIntervalMs { get; set; } = 2000;

    /// <summary>...or after this many unsaved inputs.</summary>
    [Range(1, 10_000_000)] public int CheckpointEveryMessages { get; set; } = 10_000;

    /// <summary>How often committed offsets are advanced.</summary>
    [Range(10, 60_000)] public int CommitIntervalMs { get; set; } = 200;

    /// <summary>Grains idle this long are checkpointed and deactivated.</summary>
    [Range(1, 86_400)] public int IdleDeactivationSeconds { get; set; } = 600;

    /// <summary>A partition is paused when this many records wait for its grains, resumed at half.</summary>
    [Range(10, 10_000_000)] public int MaxQueuedPerPartition { get; set; } = 20_000;

    /// <summary>Recent message sequences remembered per source for duplicate suppression.</summary>
    [Range(1, 1_000_000)] public int DedupWindowPerSource { get; set; } = 4096;

    /// <summary>
    /// A source of a grain's inputs that sent nothing accepted for this many of the grain's inputs keeps only its floor
    /// (its highest sequence) instead of its recent sequences: a book hears from every account that ever traded.
    /// Only a record reordered by more inputs than this could then be taken for a duplicate.
    /// </summary>
    [Range(4096, long.MaxValue)] public long DedupQuietInputs { get; set; } = Grains.DedupWindow.DefaultQuietInputs;

    /// <summary>How often a silo publishes its statistics to Redis (full mode); the key lives three intervals (see <see cref="MinReportTtlMs"/>).</summary>
    [Range(100, 600_000)] public int StatisticsIntervalMs { get; set; } = 2000;

    /// <summary>
    /// The shortest time a published report stays readable, whatever the interval: readers take a silo without a report
    /// for dead, and a short interval on a loaded machine would otherwise let a live silo's report lapse between two writes.
    /// </summary>
    [Range(100, 600_000)] public int MinReportTtlMs { get; set; } = 3000;

    /// <summary>Default timeout of a request that awaits a grain's reply.</summary>
    [Range(1, 600)] public int AskTimeoutSeconds { get; set; } = 10;
}
