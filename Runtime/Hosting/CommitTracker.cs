namespace Trading.Runtime.Hosting;

/// <summary>
/// Tracks, for one input partition, which processed inputs still have unacknowledged outputs. The
/// frontier is the lowest offset that may not be committed yet: the first input with outputs in
/// flight, or the offset after the last processed input when everything is acknowledged.
/// </summary>
internal sealed class CommitTracker
{
    private readonly object _gate = new();
    private readonly Queue<Pending> _inFlight = new();
    private long _processedNext;

    public CommitTracker(long startOffset) => _processedNext = startOffset;

    /// <summary>Records that the input at <paramref name="offset"/> was handled and caused <paramref name="outputs"/> outputs.</summary>
    /// <returns>A handle whose <see cref="Pending.Ack"/> is called once per delivered output; null when there are none.</returns>
    public Pending? Processed(long offset, int outputs)
    {
        lock (_gate)
        {
            _processedNext = offset + 1;
            if (outputs == 0) return null;
            var pending = new Pending(offset, outputs);
            _inFlight.Enqueue(pending);
            return pending;
        }
    }

    public long Frontier()
    {
        lock (_gate)
        {
            while (_inFlight.Count > 0 && _inFlight.Peek().Done) _inFlight.Dequeue();
            return _inFlight.Count > 0 ? _inFlight.Peek().Offset : _processedNext;
        }
    }

    public long ProcessedNext { get { lock (_gate) return _processedNext; } }

    public int InFlightInputs { get { lock (_gate) return _inFlight.Count; } }

    internal sealed class Pending(long offset, int outputs)
    {
        private int _remaining = outputs;
        public long Offset { get; } = offset;
        public bool Done => Volatile.Read(ref _remaining) == 0;
        public void Ack() => Interlocked.Decrement(ref _remaining);
    }
}
