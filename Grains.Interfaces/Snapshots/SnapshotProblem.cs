namespace Trading.Grains.Interfaces.Snapshots;

/// <summary>One thing wrong with a snapshot document: a stable <see cref="Check"/> code (<see cref="SnapshotChecks"/>), the item it concerns (a JSON path) and a message naming it.</summary>
public sealed record SnapshotProblem(string Check, string Item, string Message);

/// <summary>The stable codes of <see cref="SnapshotValidator"/>'s checks.</summary>
public static class SnapshotChecks
{
    /// <summary>snapshotId or timestamp missing (or the timestamp not positive), a section or an entry null.</summary>
    public const string RequiredFieldMissing = "REQUIRED_FIELD_MISSING";
    /// <summary>snapshotTime is not the ISO-8601 UTC form of timestamp.</summary>
    public const string SnapshotTimeMismatch = "SNAPSHOT_TIME_MISMATCH";
    /// <summary>A section has no checksum.</summary>
    public const string ChecksumMissing = "CHECKSUM_MISSING";
    /// <summary>A section's checksum differs from its canonical JSON's.</summary>
    public const string ChecksumMismatch = "CHECKSUM_MISMATCH";
    /// <summary>A checksum names no section.</summary>
    public const string ChecksumUnknownSection = "CHECKSUM_UNKNOWN_SECTION";
    /// <summary>A memoryStats counter disagrees with the sections it counts.</summary>
    public const string MemoryStatsMismatch = "MEMORY_STATS_MISMATCH";
    /// <summary>A map entry's key is not what its record says (symbol, {userId}_{symbol}, user id, topic, asset).</summary>
    public const string KeyMismatch = "KEY_MISMATCH";
    /// <summary>A book, position or order names a symbol symbolSnapshots does not have.</summary>
    public const string SymbolMissing = "SYMBOL_MISSING";
    /// <summary>Two orderSnapshots entries have the same order id.</summary>
    public const string OrderDuplicate = "ORDER_DUPLICATE";
    /// <summary>An order's filled and remaining quantities do not add up (filled + remaining = quantity while open, remaining 0 once finished).</summary>
    public const string OrderQuantityMismatch = "ORDER_QUANTITY_MISMATCH";
    /// <summary>An id a book lists (orderIds, stopOrderIds) is absent from orderSnapshots.</summary>
    public const string BookOrderMissing = "BOOK_ORDER_MISSING";
    /// <summary>An id is listed twice in the books (in one list, or in two).</summary>
    public const string BookOrderDuplicate = "BOOK_ORDER_DUPLICATE";
    /// <summary>An id a book lists belongs to an order that is finished or not located in that list.</summary>
    public const string BookOrderNotOpen = "BOOK_ORDER_NOT_OPEN";
    /// <summary>An id a book lists belongs to an order of another symbol.</summary>
    public const string BookOrderSymbolMismatch = "BOOK_ORDER_SYMBOL_MISMATCH";
    /// <summary>An order located in a book (location Book / StopBook) is absent from that book's list.</summary>
    public const string OrderNotInBook = "ORDER_NOT_IN_BOOK";
    /// <summary>A book's depth differs from the aggregation of its resting orders' remaining quantities.</summary>
    public const string DepthMismatch = "DEPTH_MISMATCH";
    /// <summary>A position's lockedQuantity exceeds its quantity.</summary>
    public const string LockExceedsQuantity = "LOCK_EXCEEDS_QUANTITY";
    /// <summary>The locks of a position do not sum to its lockedQuantity.</summary>
    public const string LockSumMismatch = "LOCK_SUM_MISMATCH";
    /// <summary>A lock names a position positionSnapshots does not have.</summary>
    public const string LockPositionMissing = "LOCK_POSITION_MISSING";
    /// <summary>A lock's order is not an open order of the same user and symbol in orderSnapshots.</summary>
    public const string LockOrderNotOpen = "LOCK_ORDER_NOT_OPEN";
    /// <summary>A position's availableQuantity is not quantity - lockedQuantity.</summary>
    public const string AvailableQuantityMismatch = "AVAILABLE_QUANTITY_MISMATCH";
    /// <summary>A topic partition has no offset in kafkaOffsetSnapshots.</summary>
    public const string OffsetMissing = "OFFSET_MISSING";
    /// <summary>A partition of a grain topic has no engineState part.</summary>
    public const string EngineStatePartitionMissing = "ENGINE_STATE_PARTITION_MISSING";
    /// <summary>Two engineState parts cover the same grain type and partition.</summary>
    public const string EngineStatePartitionDuplicate = "ENGINE_STATE_PARTITION_DUPLICATE";
}
