namespace Trading.Runtime.State;

/// <summary>
/// A grain's persisted state together with the input position it reflects: every input record with an
/// offset below <see cref="NextOffset"/> in <see cref="Partition"/> has been applied. Saved atomically.
/// </summary>
public sealed record GrainCheckpoint(int Partition, long NextOffset, byte[] Payload);
