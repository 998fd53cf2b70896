using System.Runtime.CompilerServices;

namespace Trading.Grains.Matching;

/// <summary>
/// The price levels of one side, sorted so the best level is at the end of the arrays (cheap to reach and to
/// remove). Keys are the price for bids and the negated price for asks, ascending, so "better" is always
/// "larger key". Parallel array of level indices into <see cref="LevelPool"/>.
/// </summary>
internal sealed class BookSide
{
    private long[] keys = new long[64];
    private int[] levelIdx = new int[64];
    private int count;
    private readonly bool isBid;

    public BookSide(bool isBid) => this.isBid = isBid;

    public int Count => count;
    public bool IsBid => isBid;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long Key(long price) => isBid ? price : -price;

    /// <summary>Level index of the best level; only when <see cref="Count"/> &gt; 0.</summary>
    public int BestLevel => levelIdx[count - 1];

    /// <summary>Best price, or 0 when empty.</summary>
    public long BestPrice => count == 0 ? 0 : (isBid ? keys[count - 1] : -keys[count - 1]);

    /// <summary>Level index at rank i from the best (0 = best).</summary>
    public int LevelAtRank(int rank) => levelIdx[count - 1 - rank];

    /// <summary>Position of the key, or ~insertionPoint when absent.</summary>
    private int Search(long key)
    {
        int lo = 0, hi = count - 1;
        var ks = keys;
        while (lo <= hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            var k = ks[mid];
            if (k == key) return mid;
            if (k < key) lo = mid + 1; else hi = mid - 1;
        }
        return ~lo;
    }

    /// <summary>Index of the level at this price, or -1.</summary>
    public int Find(long price)
    {
        var pos = Search(Key(price));
        return pos >= 0 ? levelIdx[pos] : -1;
    }

    /// <summary>Finds the level at this price or creates it in <paramref name="pool"/>.</summary>
    public int FindOrAdd(long price, LevelPool pool)
    {
        var key = Key(price);
        int pos;
        // fast path: at or beyond the best end
        if (count == 0 || key > keys[count - 1]) pos = ~count;
        else pos = Search(key);
        if (pos >= 0) return levelIdx[pos];
        pos = ~pos;
        if (count == keys.Length)
        {
            Array.Resize(ref keys, count * 2);
            Array.Resize(ref levelIdx, count * 2);
        }
        if (pos < count)
        {
            Array.Copy(keys, pos, keys, pos + 1, count - pos);
            Array.Copy(levelIdx, pos, levelIdx, pos + 1, count - pos);
        }
        var idx = pool.Allocate(price);
        keys[pos] = key;
        levelIdx[pos] = idx;
        count++;
        return idx;
    }

    /// <summary>Removes the best level (the caller frees it in the pool).</summary>
    public void RemoveBest() => count--;

    /// <summary>Removes the level at this price (the caller frees it in the pool).</summary>
    public void Remove(long price)
    {
        var key = Key(price);
        if (keys[count - 1] == key) { count--; return; }
        var pos = Search(key);
        if (pos < 0) return;
        Array.Copy(keys, pos + 1, keys, pos, count - pos - 1);
        Array.Copy(levelIdx, pos + 1, levelIdx, pos, count - pos - 1);
        count--;
    }
}
