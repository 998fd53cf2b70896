namespace Trading.Grains.Matching;

/// <summary>
/// Preallocated array of <see cref="OrderEntry"/> slots with a free list; grows by doubling, never shrinks,
/// so a steady-state book allocates nothing.
/// </summary>
internal sealed class OrderPool
{
    private OrderEntry[] entries;
    private int freeHead = -1;
    private int used; // slots handed out at least once (high-water mark)
    private int live;

    public OrderPool(int capacity) => entries = new OrderEntry[Math.Max(16, capacity)];

    /// <summary>The backing array; re-read after <see cref="Allocate"/> since it may grow.</summary>
    public OrderEntry[] Entries => entries;
    public int Live => live;
    public int Capacity => entries.Length;

    public int Allocate()
    {
        live++;
        var slot = freeHead;
        if (slot >= 0)
        {
            freeHead = entries[slot].Level;
            return slot;
        }
        if (used == entries.Length) Array.Resize(ref entries, entries.Length * 2);
        return used++;
    }

    public void Free(int slot)
    {
        live--;
        ref var e = ref entries[slot];
        e = default;
        e.Level = freeHead;
        freeHead = slot;
    }
}
