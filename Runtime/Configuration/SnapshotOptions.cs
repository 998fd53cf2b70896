using System.ComponentModel.DataAnnotations;

namespace Trading.Runtime.Configuration;

/// <summary>Snapshot generation and recovery (section <c>Snapshots</c>).</summary>
public sealed class SnapshotOptions
{
    public const string Section = "Snapshots";

    /// <summary>Periodic snapshots every this many seconds; 0 = only on demand.</summary>
    [Range(0, 86_400)] public int IntervalSeconds { get; set; }

    /// <summary>Every N-th snapshot is full; those between record only the grains changed since the last full one.</summary>
    [Range(1, 1000)] public int FullEvery { get; set; } = 5;

    /// <summary>Captured partitions waiting for the writer; a worker reaching a barrier waits while the queue is full.</summary>
    [Range(1, 10_000)] public int QueueCapacity { get; set; } = 64;

    /// <summary>
    /// Parts are compressed (Deflate, fastest level; a part that would not shrink stays as it is) once the snapshot is
    /// complete, before its document is built: the writers store them uncompressed, so the cut beside matching costs no
    /// compression. Off, they stay uncompressed: less CPU for the silo, three to seven times the bytes in Redis.
    /// </summary>
    public bool CompressParts { get; set; } = true;

    /// <summary>
    /// Partitions written concurrently. Where the parts hold references (full mode) a part is a few round trips to Redis
    /// and little CPU, so many are written at once: with 4, parts waited up to 2.5 s in the queue under load, and
    /// generation took 1.6-2.4 s; with 16, 1.0-1.5 s.
    /// </summary>
    [Range(1, 64)] public int WriterConcurrency { get; set; } = 16;

    /// <summary>Snapshots kept in the store (older ones are deleted, never the base of a kept incremental one).</summary>
    [Range(1, 1000)] public int Retain { get; set; } = 10;

    /// <summary>How long a snapshot may wait for its parts before it is marked failed.</summary>
    [Range(1, 3600)] public int TimeoutSeconds { get; set; } = 120;

    /// <summary>
    /// Where the snapshot store is Redis (full mode), the parts are compressed and the document built by a process of
    /// their own (the silo's binary, <c>snapshot-document</c>), started at <see cref="DocumentProcessNice"/>: its
    /// allocations and collections then never pause the silo's matching threads. Off, or in embedded mode, the silo does
    /// that work itself on low-priority threads.
    /// </summary>
    public bool DocumentInChildProcess { get; set; } = true;

    /// <summary>The Linux nice value of the document process (the silo's own low-priority threads use 10).</summary>
    [Range(0, 19)] public int DocumentProcessNice { get; set; } = 10;

    /// <summary>How long the document process may run before it is ended and the step retried.</summary>
    [Range(10, 86_400)] public int DocumentProcessTimeoutSeconds { get; set; } = 1800;
}
