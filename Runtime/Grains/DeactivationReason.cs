namespace Trading.Runtime.Grains;

public enum DeactivationReason
{
    /// <summary>No message for longer than the idle timeout.</summary>
    Idle,
    /// <summary>Its partition moved to another silo (rebalance).</summary>
    PartitionRevoked,
    /// <summary>The silo is shutting down.</summary>
    Shutdown,
    /// <summary>An operator moved its partition's consumer position (offset reset): state is checkpointed first.</summary>
    OffsetReset,
}
