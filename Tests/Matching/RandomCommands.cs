using Trading.Grains.Matching;

namespace Trading.Tests.Matching;

/// <summary>Kinds of <see cref="TestCommand"/>.</summary>
internal enum TestCommandKind : byte { Place, Cancel, CancelAll, Amend, Mark }

/// <summary>Any book command, for random sequences.</summary>
internal readonly record struct TestCommand(TestCommandKind Kind, PlaceOrder Place, CancelOrder Cancel, AmendOrder Amend,
    long UserId, long Price, long Timestamp)
{
    public void Apply<TSink>(OrderBook book, ref TSink sink) where TSink : struct, IMatchEventSink
    {
        switch (Kind)
        {
            case TestCommandKind.Place: book.Place(Place, ref sink); break;
            case TestCommandKind.Cancel: book.Cancel(Cancel, ref sink); break;
            case TestCommandKind.CancelAll: book.CancelAll(UserId, Timestamp, ref sink); break;
            case TestCommandKind.Amend: book.Amend(Amend, ref sink); break;
            default: book.SetMarkPrice(Price, Timestamp, ref sink); break;
        }
    }
}

/// <summary>
/// Seeded generator of random command sequences exercising every order type and option (deterministic: own
/// SplitMix64, no System.Random). Prices stay around 1,000 ticks; ids are sequential and sometimes reused.
/// </summary>
internal sealed class RandomCommands(ulong seed, int users = 20)
{
    private ulong state = seed;
    private long nextId = 1;
    private long time = 1_700_000_000_000;
    private long mid = 1_000;

    private ulong Next()
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private long U(long n) => (long)Math.BigMul(Next(), (ulong)n, out _);

    public TestCommand NextCommand()
    {
        time += U(3_000_000); // up to 50 minutes: statistics roll over during long runs
        if (U(50) == 0) mid = Math.Clamp(mid + U(41) - 20, 500, 1_500);
        var user = 1 + U(users);
        var r = U(100);
        if (r < 22) // cancel by id or client id (ids may be unknown or owned by others)
        {
            var byCid = U(4) == 0;
            var id = Math.Max(1, nextId - 1 - U(60));
            return new(TestCommandKind.Cancel, default,
                byCid ? CancelOrder.ByClientId(user, 1 + U(30), time) : CancelOrder.ById(id, U(5) == 0 ? user : 0, time),
                default, 0, 0, time);
        }
        if (r < 24) return new(TestCommandKind.CancelAll, default, default, default, user, 0, time);
        if (r < 32)
        {
            var id = Math.Max(1, nextId - 1 - U(60));
            return new(TestCommandKind.Amend, default, default,
                AmendOrder.Of(id, 0, U(3) == 0 ? 0 : mid + U(41) - 20, U(3) == 0 ? 0 : U(60), time), 0, 0, time);
        }
        if (r < 36) return new(TestCommandKind.Mark, default, default, default, 0, mid + U(21) - 10, time);

        var side = U(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
        var sign = side == OrderSide.Buy ? 1 : -1;
        var cmd = new PlaceOrder
        {
            OrderId = U(200) == 0 ? Math.Max(1, nextId - 5) : nextId++, // occasionally a duplicate id
            UserId = user,
            ClientOrderId = U(3) == 0 ? 1 + U(30) : 0,
            Side = side,
            Quantity = U(100) == 0 ? 0 : 1 + U(50),
            Timestamp = time,
            ProtectionTicks = U(3) == 0 ? -1 : U(4) * 5,
            SelfTradePrevention = (SelfTradePrevention)U(5),
            ReduceOnly = U(10) == 0,
            PositionAction = (PositionAction)U(3),
        };
        var t = U(100);
        if (t < 55)
        {
            cmd.Type = OrderType.Limit;
            cmd.TimeInForce = (TimeInForce)(U(4) == 0 ? U(4) : 0);
            cmd.Price = mid - sign * (U(30) - 5);
        }
        else if (t < 70)
        {
            cmd.Type = OrderType.Market;
            cmd.TimeInForce = TimeInForce.Ioc;
        }
        else if (t < 95)
        {
            cmd.Type = (OrderType)(2 + U(4));
            cmd.WorkingType = (WorkingType)U(2);
            cmd.StopPrice = mid + U(31) - 15;
            cmd.Price = cmd.Type.IsMarketLike() ? 0 : cmd.StopPrice + sign * (U(10) - 3);
            cmd.TimeInForce = (TimeInForce)(U(4) == 0 ? U(4) : 0);
        }
        else
        {
            cmd.Type = OrderType.Limit;
            cmd.Liquidation = true;
            cmd.ReduceOnly = true;
            cmd.Price = mid - sign * (U(40) - 10);
        }
        return new(TestCommandKind.Place, cmd, default, default, 0, 0, time);
    }

    /// <summary>Fills in owners for cancels/amends whose user is 0, looking them up in the book (like a gateway).</summary>
    public static TestCommand WithOwner(TestCommand c, OrderBook book)
    {
        if (c.Kind == TestCommandKind.Cancel && c.Cancel.OrderId > 0 && c.Cancel.UserId == 0)
            return c with { Cancel = c.Cancel with { UserId = book.TryGetOrder(c.Cancel.OrderId, out var v) ? v.UserId : 1 } };
        if (c.Kind == TestCommandKind.Amend && c.Amend.UserId == 0)
            return c with { Amend = c.Amend with { UserId = book.TryGetOrder(c.Amend.OrderId, out var v) ? v.UserId : 1 } };
        return c;
    }

    /// <summary>
    /// Feeds the same <paramref name="count"/> next commands to both books (owners looked up in each) and returns what
    /// each emitted: a restored book must produce exactly what the original does.
    /// </summary>
    public (EventHasher Original, EventHasher Restored) DriveBoth(OrderBook original, OrderBook restored, int count)
    {
        var a = new EventHasher();
        var b = new EventHasher();
        for (var i = 0; i < count; i++)
        {
            var c = NextCommand();
            WithOwner(c, original).Apply(original, ref a);
            WithOwner(c, restored).Apply(restored, ref b);
        }
        return (a, b);
    }

    public List<TestCommand> Take(int count)
    {
        var list = new List<TestCommand>(count);
        for (var i = 0; i < count; i++) list.Add(NextCommand());
        return list;
    }
}
