namespace Trading.Grains.Matching;

/// <summary>
/// Index (userId, clientOrderId) -&gt; pool slot of open orders that carry a client order id. Stores only slots
/// (4 bytes each) and compares keys against the pool, so orders without a client id cost nothing.
/// Linear probing with backward-shift deletion; doubles at 50 % load.
/// </summary>
internal sealed class ClientOrderIdIndex
{
    private readonly OrderPool pool;
    private int[] slots;
    private int mask;
    private int count;

    public ClientOrderIdIndex(OrderPool pool)
    {
        this.pool = pool;
        slots = new int[16];
        Array.Fill(slots, -1);
        mask = 15;
    }

    public int Count => count;

    private int Home(long userId, long clientOrderId)
    {
        var h = (ulong)userId * 0x9E3779B97F4A7C15UL ^ (ulong)clientOrderId * 0xC2B2AE3D27D4EB4FUL;
        h ^= h >> 29;
        return (int)(h & (ulong)mask);
    }

    private bool Matches(int slot, long userId, long clientOrderId)
    {
        ref var e = ref pool.Entries[slot];
        return e.UserId == userId && e.ClientOrderId == clientOrderId;
    }

    public int Find(long userId, long clientOrderId)
    {
        var i = Home(userId, clientOrderId);
        while (true)
        {
            var s = slots[i];
            if (s < 0) return -1;
            if (Matches(s, userId, clientOrderId)) return s;
            i = (i + 1) & mask;
        }
    }

    public void Add(int slot)
    {
        if ((count + 1) * 2 > slots.Length) Grow();
        Insert(slot);
        count++;
    }

    private void Insert(int slot)
    {
        ref var e = ref pool.Entries[slot];
        var i = Home(e.UserId, e.ClientOrderId);
        while (slots[i] >= 0) i = (i + 1) & mask;
        slots[i] = slot;
    }

    public void Remove(int slot)
    {
        ref var e = ref pool.Entries[slot];
        var i = Home(e.UserId, e.ClientOrderId);
        while (slots[i] != slot)
        {
            if (slots[i] < 0) return;
            i = (i + 1) & mask;
        }
        var hole = i;
        var j = i;
        while (true)
        {
            j = (j + 1) & mask;
            var sj = slots[j];
            if (sj < 0) break;
            ref var ej = ref pool.Entries[sj];
            var home = Home(ej.UserId, ej.ClientOrderId);
            if (((j - home) & mask) >= ((j - hole) & mask))
            {
                slots[hole] = sj;
                hole = j;
            }
        }
        slots[hole] = -1;
        count--;
    }

    private void Grow()
    {
        var old = slots;
        slots = new int[old.Length * 2];
        Array.Fill(slots, -1);
        mask = slots.Length - 1;
        foreach (var s in old)
            if (s >= 0) Insert(s);
    }
}
