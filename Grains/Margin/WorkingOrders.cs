namespace Trading.Grains.Margin;

/// <summary>
/// The working orders of one account, by id, enumerated in ascending id order (liquidation orders, with negative ids,
/// first). Lookups are a hash probe and enumeration walks a list without allocating, because the pre-trade check and
/// every balance view sum over the orders: a sorted tree's enumerator allocates and chases pointers on every sum.
/// New ids are almost always the largest so far, which makes an insert an append. It also keeps, per symbol and side,
/// the notional of the orders' opening parts (what the bracket check of every new order needs), updated as orders come,
/// go and fill: the opening quantity of a working order changes only through <see cref="ReduceOpening"/>.
/// </summary>
internal sealed class WorkingOrders
{
    private readonly Dictionary<long, OpenOrder> _byId = new();
    private readonly List<OpenOrder> _sorted = new();
    private readonly Dictionary<(string Symbol, TradeSide Side), long> _openingNotional = new();

    public int Count => _sorted.Count;

    public bool ContainsKey(long orderId) => _byId.ContainsKey(orderId);

    public OpenOrder? GetValueOrDefault(long orderId) => _byId.GetValueOrDefault(orderId);

    /// <exception cref="ArgumentException">An order with the id is already working.</exception>
    public void Add(OpenOrder order)
    {
        _byId.Add(order.OrderId, order);
        AddOpening(order, OpeningNotionalOf(order));
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
        AddOpening(order, -OpeningNotionalOf(order));
        return true;
    }

    /// <summary>The working order's opening part shrinks by <paramref name="lots"/> (a fill took them).</summary>
    public void ReduceOpening(OpenOrder order, long lots)
    {
        if (lots == 0) return;
        var before = OpeningNotionalOf(order);
        order.OpeningQty -= lots;
        AddOpening(order, OpeningNotionalOf(order) - before);
    }

    /// <summary>Notional of the opening parts of the working orders of a symbol on one side.</summary>
    public long OpeningNotional(string symbol, TradeSide side) => _openingNotional.GetValueOrDefault((symbol, side));

    private static long OpeningNotionalOf(OpenOrder order) =>
        order.OpeningQty == 0 ? 0 : order.Spec.Notional(order.WorstPriceTicks, order.OpeningQty);

    private void AddOpening(OpenOrder order, long delta)
    {
        if (delta == 0) return;
        var key = (order.Spec.Symbol, order.Side);
        var sum = _openingNotional.GetValueOrDefault(key) + delta;
        if (sum == 0) _openingNotional.Remove(key);
        else _openingNotional[key] = sum;
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
