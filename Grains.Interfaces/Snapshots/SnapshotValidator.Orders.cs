namespace Trading.Grains.Interfaces.Snapshots;

public static partial class SnapshotValidator
{
    /// <summary>orderSnapshots indexed by id, with whether a book lists each one.</summary>
    private sealed class OrderIndex(int count)
    {
        public readonly Dictionary<long, int> ById = new(count);
        public readonly bool[] Listed = new bool[count];
    }

    private static OrderIndex Orders(MatchEngineSnapshot s, List<SnapshotProblem> problems)
    {
        var orders = s.OrderSnapshots;
        var index = new OrderIndex(orders.Count);
        for (var i = 0; i < orders.Count; i++)
        {
            var o = orders[i];
            var item = $"orderSnapshots[{i}]";
            if (!index.ById.TryAdd(o.OrderId, i))
                problems.Add(new(SnapshotChecks.OrderDuplicate, item, $"{item}: order {o.OrderId} is already listed at [{index.ById[o.OrderId]}]"));
            SymbolMissing(s, problems, $"{item} (order {o.OrderId})", o.Symbol);
            var consistent = o.IsOpen
                ? o.FilledQuantity >= 0 && o.RemainingQuantity > 0 && o.FilledQuantity + o.RemainingQuantity == o.Quantity
                : o.RemainingQuantity == 0 && o.FilledQuantity >= 0 && o.FilledQuantity <= o.Quantity;
            if (!consistent)
                problems.Add(new(SnapshotChecks.OrderQuantityMismatch, item,
                    $"{item} (order {o.OrderId}, {o.Status}): quantity {o.Quantity}, filled {o.FilledQuantity}, remaining {o.RemainingQuantity} do not add up"));
        }
        return index;
    }

    private static void Books(MatchEngineSnapshot s, OrderIndex index, List<SnapshotProblem> problems)
    {
        foreach (var (key, book) in s.OrderBookSnapshots)
        {
            var item = $"orderBookSnapshots.{key}";
            if (book.Symbol != key) KeyMismatch(problems, item, book.Symbol);
            SymbolMissing(s, problems, item, key);
            var complete = Listed(s, index, key, book.OrderIds, OrderLocation.Book, $"{item}.orderIds", problems);
            Listed(s, index, key, book.StopOrderIds, OrderLocation.StopBook, $"{item}.stopOrderIds", problems);
            if (complete) Depth(s, index, book, item, problems);
        }
    }

    /// <summary>Checks the ids of one book list; true when every id is an open order of the book located there (the depth can be aggregated).</summary>
    private static bool Listed(MatchEngineSnapshot s, OrderIndex index, string symbol, IReadOnlyList<long> ids, OrderLocation location,
        string item, List<SnapshotProblem> problems)
    {
        var complete = true;
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            if (!index.ById.TryGetValue(id, out var at))
            {
                problems.Add(new(SnapshotChecks.BookOrderMissing, $"{item}[{i}]", $"{item}[{i}]: order {id} is not in orderSnapshots"));
                complete = false;
                continue;
            }
            var o = s.OrderSnapshots[at];
            if (index.Listed[at])
                problems.Add(new(SnapshotChecks.BookOrderDuplicate, $"{item}[{i}]", $"{item}[{i}]: order {id} is listed more than once in the books"));
            index.Listed[at] = true;
            if (o.Symbol != symbol)
            {
                problems.Add(new(SnapshotChecks.BookOrderSymbolMismatch, $"{item}[{i}]", $"{item}[{i}]: order {id} is an order of {o.Symbol}"));
                complete = false;
            }
            else if (!o.IsOpen || o.Location != location)
            {
                problems.Add(new(SnapshotChecks.BookOrderNotOpen, $"{item}[{i}]",
                    $"{item}[{i}]: order {id} is {o.Status}, located in {o.Location}, not an open order of the {location}"));
                complete = false;
            }
        }
        return complete;
    }

    /// <summary>The book's depth against its resting orders aggregated by price, in priority order, per side.</summary>
    private static void Depth(MatchEngineSnapshot s, OrderIndex index, OrderBookRecord book, string item, List<SnapshotProblem> problems)
    {
        var buy = new List<DepthLevelRecord>(book.BuyDepth.Count);
        var sell = new List<DepthLevelRecord>(book.SellDepth.Count);
        foreach (var id in book.OrderIds)
        {
            var o = s.OrderSnapshots[index.ById[id]];
            var levels = o.Side == Matching.OrderSide.Buy ? buy : sell;
            var last = levels.Count - 1;
            if (last >= 0 && levels[last].Price == o.Price)
                levels[last] = levels[last] with { Quantity = levels[last].Quantity + o.RemainingQuantity, OrderCount = levels[last].OrderCount + 1 };
            else levels.Add(new DepthLevelRecord(o.Price, o.RemainingQuantity, 1));
        }
        Side("buyDepth", book.BuyDepth, buy);
        Side("sellDepth", book.SellDepth, sell);

        void Side(string name, IReadOnlyList<DepthLevelRecord> given, List<DepthLevelRecord> aggregated)
        {
            var levels = Math.Max(given.Count, aggregated.Count);
            for (var i = 0; i < levels; i++)
            {
                var g = i < given.Count ? given[i] : null;
                var a = i < aggregated.Count ? aggregated[i] : null;
                if (g is not null && a is not null && g.Price == a.Price && g.Quantity == a.Quantity && g.OrderCount == a.OrderCount) continue;
                problems.Add(new(SnapshotChecks.DepthMismatch, $"{item}.{name}[{i}]",
                    $"{item}.{name}[{i}]: {Level(g)} in the book, {Level(a)} from its resting orders"));
                return;
            }
        }

        static string Level(DepthLevelRecord? l) => l is null ? "no level" : $"{l.Quantity} @ {l.Price} ({l.OrderCount} orders)";
    }

    /// <summary>Orders located in a book that no book lists.</summary>
    private static void OrdersOutsideBooks(MatchEngineSnapshot s, OrderIndex index, List<SnapshotProblem> problems)
    {
        var orders = s.OrderSnapshots;
        for (var i = 0; i < orders.Count; i++)
        {
            var o = orders[i];
            if (o.Location is not (OrderLocation.Book or OrderLocation.StopBook) || index.Listed[i]) continue;
            if (index.ById[o.OrderId] != i) continue; // a duplicate, reported already
            var list = o.Location == OrderLocation.Book ? "orderIds" : "stopOrderIds";
            problems.Add(new(SnapshotChecks.OrderNotInBook, $"orderSnapshots[{i}]",
                $"orderSnapshots[{i}]: order {o.OrderId} is located in the {o.Location} of {o.Symbol} but orderBookSnapshots.{o.Symbol}.{list} does not list it"));
        }
    }
}
