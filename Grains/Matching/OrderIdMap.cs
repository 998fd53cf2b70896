using System.Runtime.CompilerServices;

namespace Trading.Grains.Matching;

/// <summary>
/// Open-addressing hash map from order id (&gt; 0) to pool slot: linear probing, backward-shift deletion
/// (no tombstones, so no rehash in steady state). Doubles at 50 % load. The home slot is the id's low
/// bits: order ids are assigned sequentially by the input sequencer (never chosen by users), so live
/// ids occupy nearby slots and lookups stay in cache even with a million resting orders (measured:
/// mix50 on a 1M-order book went from 4.4 M to 13.7 M commands/s against Fibonacci hashing).
/// </summary>
internal sealed class OrderIdMap
{
    private long[] keys;
    private int[] values;
    private int mask;
    private int count;

    public OrderIdMap(int capacity)
    {
        var size = 16;
        while (size < capacity * 2) size <<= 1;
        keys = new long[size];
        values = new int[size];
        SetSize(size);
    }

    public int Count => count;

    private void SetSize(int size)
    {
        mask = size - 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(long key) => (int)key & mask;

    /// <summary>Slot of the order with this id, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(long key)
    {
        var ks = keys;
        var i = Home(key);
        while (true)
        {
            var k = ks[i];
            if (k == key) return values[i];
            if (k == 0) return -1;
            i = (i + 1) & mask;
        }
    }

    /// <summary>Adds a new id (the caller checked it is absent).</summary>
    public void Add(long key, int value)
    {
        if ((count + 1) * 2 > keys.Length) Grow();
        Insert(key, value);
        count++;
    }

    private void Insert(long key, int value)
    {
        var i = Home(key);
        while (keys[i] != 0) i = (i + 1) & mask;
        keys[i] = key;
        values[i] = value;
    }

    public bool Remove(long key)
    {
        var ks = keys;
        var i = Home(key);
        while (true)
        {
            var k = ks[i];
            if (k == key) break;
            if (k == 0) return false;
            i = (i + 1) & mask;
        }
        // backward-shift deletion
        var hole = i;
        var j = i;
        while (true)
        {
            j = (j + 1) & mask;
            var kj = ks[j];
            if (kj == 0) break;
            var home = Home(kj);
            // move kj into the hole when its home is not cyclically within (hole, j]
            if (((j - home) & mask) >= ((j - hole) & mask))
            {
                ks[hole] = kj;
                values[hole] = values[j];
                hole = j;
            }
        }
        ks[hole] = 0;
        count--;
        return true;
    }

    private void Grow()
    {
        var oldKeys = keys;
        var oldValues = values;
        keys = new long[oldKeys.Length * 2];
        values = new int[oldKeys.Length * 2];
        SetSize(keys.Length);
        for (var i = 0; i < oldKeys.Length; i++)
            if (oldKeys[i] != 0) Insert(oldKeys[i], oldValues[i]);
    }
}
