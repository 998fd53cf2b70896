using Trading.Runtime.Streams;

namespace Trading.Silo.ReadSide;

/// <summary>Turns stream events into rows of a read-side store (ClickHouse history, the latest-data cache) and writes them in batches.</summary>
public interface IReadSideSink
{
    /// <summary>Rows buffered and not yet written.</summary>
    int PendingRows { get; }

    /// <summary>Buffers the rows of one event (none for events the sink does not keep).</summary>
    void Add(StreamEvent streamEvent);

    /// <summary>
    /// Writes every buffered row and returns how many were written. On failure it throws and keeps what is not
    /// yet written, so calling it again resumes; rows already written are not written twice.
    /// </summary>
    Task<int> WriteAsync(CancellationToken cancellationToken);

    /// <summary>True for a failure of the store that a later attempt may not have (the store is down): the batch is retried.</summary>
    bool IsUnavailable(Exception failure);

    /// <summary>Drops buffered rows and what the sink assumed about the tables (the partitions changed hands).</summary>
    void Reset();
}
