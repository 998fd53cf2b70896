namespace Trading.Grains.Matching;

/// <summary>One price level: the FIFO of resting orders at a price (head = oldest), with totals.</summary>
internal struct PriceLevel
{
    public long Price;
    public long TotalQuantity;
    public int Count;
    public int Head;
    public int Tail;
    /// <summary>Free-list link while the level is unused.</summary>
    public int NextFree;
}

/// <summary>Pool of <see cref="PriceLevel"/> slots with a free list; doubles when full.</summary>
internal sealed class LevelPool
{
    private PriceLevel[] levels = new PriceLevel[256];
    private int freeHead = -1;
    private int used;

    public PriceLevel[] Levels => levels;

    public int Allocate(long price)
    {
        int idx;
        if (freeHead >= 0)
        {
            idx = freeHead;
            freeHead = levels[idx].NextFree;
        }
        else
        {
            if (used == levels.Length) Array.Resize(ref levels, levels.Length * 2);
            idx = used++;
        }
        levels[idx] = new PriceLevel { Price = price, Head = -1, Tail = -1, NextFree = -1 };
        return idx;
    }

    public void Free(int idx)
    {
        levels[idx].NextFree = freeHead;
        freeHead = idx;
    }
}
