using Trading.Grains.Interfaces.Snapshots;
using OrderView = Trading.Grains.Interfaces.Exchange.OrderView;

namespace Trading.Grains.Exchange.Snapshots;

/// <summary>
/// Gathers the orders of a snapshot and puts them in canonical order: by order id; when an id comes from more than
/// one holder, the book's copy wins over the journal's (the book decides whether an order still trades), then the
/// first one added. Presized; one sort of value keys over the whole set.
/// </summary>
internal sealed class OrderCollector
{
    private readonly SortKey[] _keys;
    private readonly OrderRecord[] _records;
    private int _count;

    public OrderCollector(int capacity)
    {
        _keys = new SortKey[capacity];
        _records = new OrderRecord[capacity];
    }

    public void Add(OrderRecord record)
    {
        _keys[_count] = new SortKey(record.OrderId, (byte)record.Location, _count);
        _records[_count++] = record;
    }

    /// <summary>The orders by id, one per id.</summary>
    public OrderRecord[] Sorted()
    {
        Array.Sort(_keys, _records, 0, _count);
        var unique = 0;
        for (var i = 0; i < _count; i++)
            if (i == 0 || _keys[i].OrderId != _keys[i - 1].OrderId) unique++;
        var result = new OrderRecord[unique];
        var at = 0;
        for (var i = 0; i < _count; i++)
            if (i == 0 || _keys[i].OrderId != _keys[i - 1].OrderId) result[at++] = _records[i];
        return result;
    }

    private readonly record struct SortKey(long OrderId, byte Holder, int Index) : IComparable<SortKey>
    {
        public int CompareTo(SortKey other)
        {
            if (OrderId != other.OrderId) return OrderId < other.OrderId ? -1 : 1;
            if (Holder != other.Holder) return Holder < other.Holder ? -1 : 1;
            return Index.CompareTo(other.Index);
        }
    }
}

/// <summary>The open journal entries of every user, by order id, taken out as the books claim them.</summary>
internal sealed class OpenJournalOrders(int capacity)
{
    private readonly Dictionary<long, (long UserId, OrderView View)> _byId = new(capacity);
    private readonly List<(long UserId, OrderView View)> _extra = new();

    public void Add(long userId, OrderView view)
    {
        if (!_byId.TryAdd(view.OrderId, (userId, view))) _extra.Add((userId, view));
    }

    /// <summary>The journal entry of a book's order (owned by <paramref name="userId"/>), removed; null when no journal has it.</summary>
    public OrderView? Claim(long orderId, long userId)
    {
        if (_byId.TryGetValue(orderId, out var entry) && entry.UserId == userId)
        {
            _byId.Remove(orderId);
            return entry.View;
        }
        return null;
    }

    /// <summary>Entries no book claimed.</summary>
    public IEnumerable<(long UserId, OrderView View)> Unclaimed()
    {
        foreach (var entry in _byId.Values) yield return entry;
        foreach (var entry in _extra) yield return entry;
    }
}
