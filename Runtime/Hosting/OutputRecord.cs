namespace Trading.Runtime.Hosting;

/// <summary>One record waiting in the output batch; <see cref="OnDelivered"/> runs once it is acknowledged.</summary>
internal readonly record struct OutputRecord(string Topic, string Key, byte[] Value, Action? OnDelivered);
