namespace Trading.Grains.Margin;

/// <summary>How much of a position is locked by pending reducing orders.</summary>
public enum LockStatus : byte
{
    /// <summary>Nothing locked.</summary>
    None = 0,
    /// <summary>Some but not all of the quantity is locked.</summary>
    PartiallyLocked = 1,
    /// <summary>The whole quantity is locked.</summary>
    FullyLocked = 2,
}
