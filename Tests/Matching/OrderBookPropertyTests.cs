using FsCheck;
using FsCheck.Fluent;
using Trading.Grains.Matching;

namespace Trading.Tests.Matching;

/// <summary>
/// FsCheck properties over random command sequences. Each command is decoded from one generated integer
/// (kind, side, price offset, quantity, time in force, user, STP mode, stop price), so sequences are arbitrary
/// mixes of every command and order type on a narrow price range where orders cross often.
/// </summary>
public class OrderBookPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(150).WithEndSize(300);

    private static Arbitrary<int[]> Commands => Arb.From(Gen.ArrayOf(Gen.Choose(0, int.MaxValue)));

    private static TestCommand Decode(int v, long index, OrderBook book)
    {
        var x = (uint)v;
        uint Take(uint n) { var r = x % n; x /= n; return r; }
        var kind = Take(20);
        var side = Take(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
        var price = 100 + (long)Take(11) - 5;
        var qty = 1 + (long)Take(8);
        var tif = (TimeInForce)Take(4);
        var user = 1 + (long)Take(4);
        var stp = (SelfTradePrevention)Take(5);
        var back = (long)Take(12);
        var time = 1_000_000 + index * 1000;
        var id = index + 1;
        switch (kind)
        {
            case < 8:
                var limit = PlaceOrder.Limit(id, user, side, price, qty, time, kind < 5 ? TimeInForce.Gtc : tif, clientOrderId: back % 3 == 0 ? back : 0);
                limit.SelfTradePrevention = stp;
                return new(TestCommandKind.Place, limit, default, default, 0, 0, time);
            case < 10:
                var market = PlaceOrder.Market(id, user, side, qty, time, protectionTicks: back % 4);
                market.SelfTradePrevention = stp;
                return new(TestCommandKind.Place, market, default, default, 0, 0, time);
            case < 12:
                var type = (OrderType)(2 + back % 4);
                var stop = PlaceOrder.Conditional(id, user, side, type, price, type.IsMarketLike() ? 0 : price, qty, time,
                    back % 2 == 0 ? WorkingType.LastPrice : WorkingType.MarkPrice);
                return new(TestCommandKind.Place, stop, default, default, 0, 0, time);
            case 12:
                var liquidation = PlaceOrder.Limit(id, user, side, price, qty, time);
                liquidation.Liquidation = true;
                return new(TestCommandKind.Place, liquidation, default, default, 0, 0, time);
            case < 16:
                var target = Math.Max(1, id - 1 - back);
                return new(TestCommandKind.Cancel, default,
                    CancelOrder.ById(target, book.TryGetOrder(target, out var o) ? o.UserId : user, time), default, 0, 0, time);
            case 16:
                return new(TestCommandKind.CancelAll, default, default, default, user, 0, time);
            case < 19:
                var amended = Math.Max(1, id - 1 - back);
                return new(TestCommandKind.Amend, default, default,
                    AmendOrder.Of(amended, book.TryGetOrder(amended, out var a) ? a.UserId : user, back % 2 == 0 ? price : 0, qty, time), 0, 0, time);
            default:
                return new(TestCommandKind.Mark, default, default, default, 0, price, time);
        }
    }

    /// <summary>Runs a sequence, calling <paramref name="check"/> with each command's events; false stops the run.</summary>
    private static bool Run(int[] values, Func<OrderBook, List<MatchEvent>, bool> check)
    {
        var book = new OrderBook(BookHarness.Spec());
        var events = new List<MatchEvent>();
        var recorder = new EventRecorder(events);
        for (var i = 0; i < values.Length; i++)
        {
            events.Clear();
            Decode(values[i], i, book).Apply(book, ref recorder);
            if (!check(book, events)) return false;
        }
        return true;
    }

    [Fact]
    public void Book_is_never_crossed_after_a_command()
    {
        Check.One(Config, Prop.ForAll(Commands, values => Run(values, (book, _) =>
            book.BestBid == 0 || book.BestAsk == 0 || book.BestBid < book.BestAsk)));
    }

    [Fact]
    public void Filled_quantity_of_every_order_equals_the_sum_of_its_trades()
    {
        Check.One(Config, Prop.ForAll(Commands, values =>
        {
            var filled = new Dictionary<long, long>();
            var quantity = new Dictionary<long, long>();
            return Run(values, (book, events) =>
            {
                foreach (var e in events)
                {
                    switch (e.Kind)
                    {
                        case MatchEventKind.Accepted:
                            filled[e.OrderId] = 0;
                            quantity[e.OrderId] = e.Quantity;
                            break;
                        case MatchEventKind.Amended:
                            quantity[e.OrderId] = e.Quantity;
                            break;
                        case MatchEventKind.Trade:
                            if (e.Quantity <= 0) return false;
                            filled[e.OrderId] += e.Quantity;
                            filled[e.MakerOrderId] += e.Quantity;
                            if (filled[e.OrderId] != e.FilledQuantity || filled[e.MakerOrderId] != e.MakerFilledQuantity) return false;
                            if (e.FilledQuantity > quantity[e.OrderId] || e.MakerFilledQuantity > quantity[e.MakerOrderId]) return false;
                            if ((e.Status == OrderStatus.Filled) != (e.FilledQuantity == quantity[e.OrderId])) return false;
                            if ((e.MakerStatus == OrderStatus.Filled) != (e.MakerFilledQuantity == quantity[e.MakerOrderId])) return false;
                            break;
                        case MatchEventKind.Canceled or MatchEventKind.Expired:
                            if (filled[e.OrderId] != e.FilledQuantity || e.FilledQuantity >= quantity[e.OrderId]) return false;
                            break;
                    }
                }
                return true;
            });
        }));
    }

    [Fact]
    public void An_order_is_never_both_resting_and_finished()
    {
        Check.One(Config, Prop.ForAll(Commands, values =>
        {
            var finished = new HashSet<long>();
            return Run(values, (book, events) =>
            {
                foreach (var e in events)
                {
                    switch (e.Kind)
                    {
                        case MatchEventKind.Accepted: finished.Remove(e.OrderId); break;
                        case MatchEventKind.Trade:
                            if (e.Status == OrderStatus.Filled) finished.Add(e.OrderId);
                            if (e.MakerStatus == OrderStatus.Filled) finished.Add(e.MakerOrderId);
                            break;
                        case MatchEventKind.Canceled or MatchEventKind.Expired: finished.Add(e.OrderId); break;
                    }
                }
                foreach (var id in finished)
                    if (book.TryGetOrder(id, out _)) return false;
                var snapshot = book.Snapshot();
                foreach (var o in snapshot.Orders)
                    if (finished.Contains(o.OrderId) || o.FilledQuantity >= o.Quantity) return false;
                foreach (var o in snapshot.StopOrders)
                    if (finished.Contains(o.OrderId) || o.FilledQuantity != 0) return false;
                // depth totals agree with the orders
                var bidTotal = snapshot.Orders.Where(o => o.Side == OrderSide.Buy).Sum(o => o.Quantity - o.FilledQuantity);
                var askTotal = snapshot.Orders.Where(o => o.Side == OrderSide.Sell).Sum(o => o.Quantity - o.FilledQuantity);
                return bidTotal == snapshot.BuyDepth.Sum(d => d.Quantity) && askTotal == snapshot.SellDepth.Sum(d => d.Quantity)
                    && snapshot.Orders.Length == book.RestingOrderCount;
            });
        }));
    }

    [Fact]
    public void Sequence_numbers_are_gapless_and_trade_sequence_increases()
    {
        Check.One(Config, Prop.ForAll(Commands, values =>
        {
            long expected = 0, lastTrade = 0;
            return Run(values, (book, events) =>
            {
                foreach (var e in events)
                {
                    if (e.Sequence != ++expected) return false;
                    if (e.Kind == MatchEventKind.Trade && e.TradeSequence != ++lastTrade) return false;
                }
                return book.EventSequence == expected && book.TradeSequence == lastTrade;
            });
        }));
    }
}
