namespace Trading.Grains.Matching;

/// <summary>
/// Untriggered conditional orders, in four sorted lists: (last | mark price) x (triggers when price rises to the
/// stop | falls to the stop). Each list keeps the next order to trigger at its end, so triggering pops in O(1).
/// Trigger order, deterministic: within one list, the stop nearest the previous price first (lowest stop of a
/// rising list, highest of a falling one), ties by arrival; the rising list is drained before the falling one.
/// An empty book costs one comparison per check.
/// </summary>
internal sealed class StopOrderBook
{
    /// <summary>One waiting order: sort key (stop, negated for rising lists), arrival sequence and pool slot.</summary>
    internal struct Entry
    {
        public long Key;
        public long Seq;
        public int Slot;
    }

    /// <summary>A sorted list (ascending key, descending sequence): the end holds the next to trigger.</summary>
    internal sealed class List
    {
        public Entry[] Items = new Entry[8];
        public int Count;
        public readonly bool Rising;

        public List(bool rising) => Rising = rising;

        public long KeyOf(long stop) => Rising ? -stop : stop;
        public long StopOf(long key) => Rising ? -key : key;

        private static int Compare(in Entry a, long key, long seq) =>
            a.Key != key ? a.Key.CompareTo(key) : seq.CompareTo(a.Seq);

        public void Add(long stop, long seq, int slot)
        {
            var key = KeyOf(stop);
            int lo = 0, hi = Count - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) >> 1;
                if (Compare(Items[mid], key, seq) < 0) lo = mid + 1; else hi = mid - 1;
            }
            if (Count == Items.Length) Array.Resize(ref Items, Count * 2);
            Array.Copy(Items, lo, Items, lo + 1, Count - lo);
            Items[lo] = new Entry { Key = key, Seq = seq, Slot = slot };
            Count++;
        }

        public bool Remove(long stop, int slot)
        {
            var key = KeyOf(stop);
            for (var i = Count - 1; i >= 0; i--)
            {
                if (Items[i].Slot == slot && Items[i].Key == key)
                {
                    Array.Copy(Items, i + 1, Items, i, Count - i - 1);
                    Count--;
                    return true;
                }
            }
            return false;
        }
    }

    private readonly List lastRising = new(true), lastFalling = new(false);
    private readonly List markRising = new(true), markFalling = new(false);
    private int count;
    private int markCount;

    /// <summary>Every untriggered order.</summary>
    public int Count => count;
    public int MarkCount => markCount;

    /// <summary>True when the order triggers on a rising price (stop buy, take-profit sell).</summary>
    public static bool TriggersOnRise(OrderSide side, OrderType type) => (side == OrderSide.Buy) != type.IsTakeProfit();

    /// <summary>True when the order's condition holds at <paramref name="price"/>.</summary>
    public static bool Holds(OrderSide side, OrderType type, long stop, long price) =>
        TriggersOnRise(side, type) ? price >= stop : price <= stop;

    private List ListFor(WorkingType working, bool rising) => working == WorkingType.MarkPrice
        ? (rising ? markRising : markFalling)
        : (rising ? lastRising : lastFalling);

    public void Add(in OrderEntry o, long seq, int slot)
    {
        ListFor(o.Working, TriggersOnRise(o.Side, o.Type)).Add(o.StopPrice, seq, slot);
        count++;
        if (o.Working == WorkingType.MarkPrice) markCount++;
    }

    public void Remove(in OrderEntry o, int slot)
    {
        if (ListFor(o.Working, TriggersOnRise(o.Side, o.Type)).Remove(o.StopPrice, slot))
        {
            count--;
            if (o.Working == WorkingType.MarkPrice) markCount--;
        }
    }

    /// <summary>Pops every order of <paramref name="working"/> triggered by prices in [low, high] into the queue.</summary>
    public void CollectTriggered(WorkingType working, long low, long high, TriggerQueue queue)
    {
        var rising = ListFor(working, true);
        while (rising.Count > 0 && -rising.Items[rising.Count - 1].Key <= high)
        {
            queue.Enqueue(rising.Items[--rising.Count].Slot);
            count--;
            if (working == WorkingType.MarkPrice) markCount--;
        }
        var falling = ListFor(working, false);
        while (falling.Count > 0 && falling.Items[falling.Count - 1].Key >= low)
        {
            queue.Enqueue(falling.Items[--falling.Count].Slot);
            count--;
            if (working == WorkingType.MarkPrice) markCount--;
        }
    }

    /// <summary>Appends the slots of a user's waiting orders, in trigger order per list.</summary>
    public void CollectUser(long userId, OrderEntry[] entries, List<int> into)
    {
        foreach (var list in (ReadOnlySpan<List>)[lastRising, lastFalling, markRising, markFalling])
            for (var i = list.Count - 1; i >= 0; i--)
                if (entries[list.Items[i].Slot].UserId == userId) into.Add(list.Items[i].Slot);
    }

    /// <summary>Every waiting order with its arrival sequence, in trigger order per list (snapshots).</summary>
    public void CopyTo(List<(int Slot, long Seq)> into)
    {
        foreach (var list in (ReadOnlySpan<List>)[lastRising, lastFalling, markRising, markFalling])
            for (var i = list.Count - 1; i >= 0; i--)
                into.Add((list.Items[i].Slot, list.Items[i].Seq));
    }
}

/// <summary>FIFO of triggered orders waiting to enter matching; reused, allocation-free in steady state.</summary>
internal sealed class TriggerQueue
{
    private int[] items = new int[16];
    private int head;
    private int tail;

    public bool IsEmpty => head == tail;

    public void Enqueue(int slot)
    {
        if (tail == items.Length)
        {
            if (head > 0)
            {
                Array.Copy(items, head, items, 0, tail - head);
                tail -= head;
                head = 0;
            }
            if (tail == items.Length) Array.Resize(ref items, items.Length * 2);
        }
        items[tail++] = slot;
    }

    public int Dequeue()
    {
        var s = items[head++];
        if (head == tail) head = tail = 0;
        return s;
    }
}
