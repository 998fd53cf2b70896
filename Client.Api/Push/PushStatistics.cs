namespace Trading.Client.Api.Push;

/// <summary>Counters of the push endpoint, safe to update from any thread.</summary>
public sealed class PushStatistics
{
    private long _connections;
    private long _accepted;
    private long _slowClientsDropped;
    private long _framesQueued;
    private long _framesSent;
    private long _snapshotsFetched;
    private long _depthGaps;
    private long _klineFrames;
    private long _klineBasesFetched;

    public long OpenConnections => Interlocked.Read(ref _connections);
    public long ConnectionsAccepted => Interlocked.Read(ref _accepted);
    /// <summary>Connections closed because their send queue was full.</summary>
    public long SlowClientsDropped => Interlocked.Read(ref _slowClientsDropped);
    public long FramesQueued => Interlocked.Read(ref _framesQueued);
    public long FramesSent => Interlocked.Read(ref _framesSent);
    /// <summary>Depth snapshots asked from the books (first subscriber of a symbol, or after a gap).</summary>
    public long SnapshotsFetched => Interlocked.Read(ref _snapshotsFetched);
    /// <summary>Depth updates whose previous sequence did not continue the chain (each causes a re-snapshot).</summary>
    public long DepthGaps => Interlocked.Read(ref _depthGaps);

    /// <summary>Kline frames built (each is sent to every subscriber of its symbol and interval).</summary>
    public long KlineFrames => Interlocked.Read(ref _klineFrames);
    /// <summary>Reads of a symbol's cached candles (first kline subscriber of a symbol, or after a gap).</summary>
    public long KlineBasesFetched => Interlocked.Read(ref _klineBasesFetched);

    internal void Opened()
    {
        Interlocked.Increment(ref _connections);
        Interlocked.Increment(ref _accepted);
    }

    internal void Closed() => Interlocked.Decrement(ref _connections);
    internal void SlowClientDropped() => Interlocked.Increment(ref _slowClientsDropped);
    internal void FrameQueued() => Interlocked.Increment(ref _framesQueued);
    internal void FrameSent() => Interlocked.Increment(ref _framesSent);
    internal void SnapshotFetched() => Interlocked.Increment(ref _snapshotsFetched);
    internal void DepthGap() => Interlocked.Increment(ref _depthGaps);
    internal void KlineFrame() => Interlocked.Increment(ref _klineFrames);
    internal void KlineBaseFetched() => Interlocked.Increment(ref _klineBasesFetched);
}
