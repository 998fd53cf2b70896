namespace Trading.Runtime.Hosting;

/// <summary>
/// One record waiting in the output batch; <see cref="OnDelivered"/> runs once it is acknowledged. <see cref="EnqueuedAt"/>
/// (a Stopwatch timestamp set by the batcher) measures the push latency.
/// </summary>
internal readonly record struct OutputRecord(string Topic, string Key, byte[] Value, Action? OnDelivered, long EnqueuedAt = 0);
