namespace Trading.Grains.Margin;

/// <summary>
/// The working orders of one account, by id, enumerated in ascending id order (liquidation orders, with negative ids,
/// first). Lookups are a hash probe and enumeration walks a list without allocating, because the pre-trade check and
/// every balance view sum over the orders: a sorted tree's enumerator allocates and chases pointers on every sum.
/// New ids are almost always the largest so far, which makes an insert an append.
/// </summary>
internal sealed class WorkingOrders
{
    private readonly Dictionary<long, OpenOrder> _byId = new();
    private readonly List<OpenOrder> _sorted = new();

    public int Count => _sorted.Count;

    public bool ContainsKey(long orderId) => _byId.ContainsKey(orderId);

    public OpenOrder? GetValueOrDefault(long orderId) => _byId.GetValueOrDefault(orderId);

    /// <exception cref="ArgumentException">An order with the id is already working.</exception>
    public void Add(OpenOrder order)
    {
        _byId.Add(order.OrderId, order);
        if (_sorted.Count == 0 || _sorted[^1].OrderId < order.OrderId)
        {
            _sorted.Add(order);
            return;
        }
        _sorted.Insert(~IndexOf(order.OrderId), order);
    }

    public bool Remove(long orderId) => Remove(orderId, out _);

    public bool Remove(long orderId, out OpenOrder order)
    {
        if (!_byId.Remove(orderId, out order!)) return false;
        _sorted.RemoveAt(IndexOf(orderId));
        return true;
    }

    /// <summary>In ascending id order. The account must not add or remove while enumerating.</summary>
    public List<OpenOrder>.Enumerator GetEnumerator() => _sorted.GetEnumerator();

    /// <summary>Index of the id in the sorted list, or the complement of where it would go.</summary>
    private int IndexOf(long orderId)
    {
        int low = 0, high = _sorted.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var id = _sorted[mid].OrderId;
            if (id == orderId) return mid;
            if (id < orderId) low = mid + 1;
            else high = mid - 1;
        }
        return ~low;
    }
}
