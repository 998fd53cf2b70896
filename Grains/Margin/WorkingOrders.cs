namespace Trading.Grains.Margin;

/// <summary>
/// The working orders of one account, by id, enumerated in ascending id order (liquidation orders, with negative ids,
/// first). Lookups are a hash probe and enumeration walks a list without allocating. New ids are almost always the
/// largest so far, which makes an insert an append.
/// <para>It also keeps the sums the pre-trade check and every fill need, so neither scans the orders: the notional of
/// the opening parts per symbol and side (bracket check), the locked quantity per symbol and side (lock trimming,
/// available quantity), the reservation per asset (available balance) and the number of liquidation orders per symbol.
/// A working order reports each change of its opening quantity, lock or reservation (<see cref="OpenOrder.Owner"/>),
/// so the sums are exact however the order is changed.</para>
/// </summary>
internal sealed class WorkingOrders
{
    private readonly Dictionary<long, OpenOrder> _byId = new();
    private readonly List<OpenOrder> _sorted = new();
    private readonly Dictionary<(string Symbol, TradeSide Side), long> _openingNotional = new();
    private readonly Dictionary<(string Symbol, TradeSide Side), long> _locked = new();
    private readonly Dictionary<string, long> _reserved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _liquidations = new(StringComparer.Ordinal);

    public int Count => _sorted.Count;

    public bool ContainsKey(long orderId) => _byId.ContainsKey(orderId);

    public OpenOrder? GetValueOrDefault(long orderId) => _byId.GetValueOrDefault(orderId);

    /// <exception cref="ArgumentException">An order with the id is already working.</exception>
    /// <exception cref="InvalidOperationException">The order is working in another collection.</exception>
    public void Add(OpenOrder order)
    {
        if (order.Owner is not null) throw new InvalidOperationException($"Order {order.OrderId} is already working.");
        _byId.Add(order.OrderId, order);
        order.Owner = this;
        Tally(order, +1);
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
        Tally(order, -1);
        order.Owner = null;
        return true;
    }

    /// <summary>Notional of the opening parts of the working orders of a symbol on one side.</summary>
    public long OpeningNotional(string symbol, TradeSide side) => _openingNotional.GetValueOrDefault((symbol, side));

    /// <summary>Position lots of a symbol locked by the working orders on one side.</summary>
    public long Locked(string symbol, TradeSide side) => _locked.GetValueOrDefault((symbol, side));

    /// <summary>Money of an asset reserved for the working orders.</summary>
    public long Reserved(string asset) => _reserved.GetValueOrDefault(asset);

    /// <summary>Whether a liquidation order of the symbol is working.</summary>
    public bool HasLiquidation(string symbol) => _liquidations.ContainsKey(symbol);

    /// <summary>In ascending id order. The account must not add or remove while enumerating.</summary>
    public List<OpenOrder>.Enumerator GetEnumerator() => _sorted.GetEnumerator();

    internal void OpeningChanged(OpenOrder order, long before) =>
        Add(_openingNotional, (order.Spec.Symbol, order.Side), OpeningNotionalOf(order, order.OpeningQty) - OpeningNotionalOf(order, before));

    internal void LockedChanged(OpenOrder order, long before) =>
        Add(_locked, (order.Spec.Symbol, order.Side), Math.Max(0, order.LockedQty) - Math.Max(0, before));

    internal void ReservedChanged(OpenOrder order, long before) => Add(_reserved, order.ReservedAsset, order.ReservedAmount - before);

    /// <summary>Adds (<paramref name="sign"/> 1) or takes away (-1) everything the order contributes to the sums.</summary>
    private void Tally(OpenOrder order, int sign)
    {
        var key = (order.Spec.Symbol, order.Side);
        Add(_openingNotional, key, sign * OpeningNotionalOf(order, order.OpeningQty));
        Add(_locked, key, sign * Math.Max(0, order.LockedQty));
        Add(_reserved, order.ReservedAsset, sign * order.ReservedAmount);
        if (order.IsLiquidation) Add(_liquidations, order.Spec.Symbol, sign);
    }

    private static long OpeningNotionalOf(OpenOrder order, long openingQty) =>
        openingQty == 0 ? 0 : order.Spec.Notional(order.WorstPriceTicks, openingQty);

    private static void Add<TKey>(Dictionary<TKey, long> sums, TKey key, long delta) where TKey : notnull
    {
        if (delta == 0) return;
        var sum = sums.GetValueOrDefault(key) + delta;
        if (sum == 0) sums.Remove(key);
        else sums[key] = sum;
    }

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
