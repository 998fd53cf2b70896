using Trading.Grains.Matching;
using Trading.Grains.Symbols;

namespace Trading.Benchmarks.OrderBookBenchmarks;

/// <summary>Command kinds of the mix50 workload (numbers as in WORKLOAD-mix50.md).</summary>
public enum Mix50Kind : byte { Limit = 0, Ioc = 1, Market = 2, Cancel = 3 }

/// <summary>One compact mix50 command.</summary>
public readonly record struct Mix50Command(Mix50Kind Kind, bool IsBuy, long OrderId, long Price, long Qty, long Uid);

/// <summary>SplitMix64 exactly as the workload specifies.</summary>
public struct SplitMix64(ulong state)
{
    private ulong state = state;

    public ulong Next()
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public long U(long n) => (long)Math.BigMul(Next(), (ulong)n, out _);
}

/// <summary>
/// Generator of the mix50 stream. It uses <see cref="OrderBook"/> itself as the shadow book (tracking the
/// RESTING array from its events), so the published stream hash also checks the book's matching.
/// </summary>
public static class Mix50Workload
{
    public static SymbolSpec Spec { get; } = new()
    {
        Symbol = "BTCUSDT", BaseAsset = "BTC", QuoteAsset = "USDT", TickSize = 0.1m, StepSize = 0.001m,
        MinQtyLots = 1, MaxQtyLots = 1_000_000_000, MakerFeePpm = 200, TakerFeePpm = 500,
        Brackets = [new MaintenanceBracket(0, long.MaxValue, 100, 4_000, 0)],
    };

    private sealed class Shadow
    {
        public readonly List<long> Resting = new();
        public readonly Dictionary<long, int> Index = new();
        public readonly Dictionary<long, bool> SideOf = new(); // id -> isBuy
        public int Bids, Asks;

        public void Add(long id, bool isBuy)
        {
            Index[id] = Resting.Count;
            Resting.Add(id);
            SideOf[id] = isBuy;
            if (isBuy) Bids++; else Asks++;
        }

        public void Remove(long id)
        {
            var i = Index[id];
            var last = Resting[^1];
            Resting[i] = last;
            Index[last] = i;
            Resting.RemoveAt(Resting.Count - 1);
            Index.Remove(id);
            if (SideOf[id]) Bids--; else Asks--;
            SideOf.Remove(id);
        }
    }

    private struct ShadowSink(Shadow shadow) : IMatchEventSink
    {
        public void OnEvent(in MatchEvent e)
        {
            if (e.Kind == MatchEventKind.Trade && e.MakerStatus == OrderStatus.Filled) shadow.Remove(e.MakerOrderId);
            else if (e.Kind == MatchEventKind.Canceled) shadow.Remove(e.OrderId);
        }
    }

    /// <summary>Generates the stream; returns the commands and the command-stream hash.</summary>
    public static (Mix50Command[] Commands, ulong Hash) Generate(int count, ulong seed = 42)
    {
        var rng = new SplitMix64(seed);
        var book = new OrderBook(Spec);
        var shadow = new Shadow();
        var sink = new ShadowSink(shadow);
        var commands = new Mix50Command[count];
        long mid = 100_000, nextId = 1;
        var hash = 0xCBF29CE484222325UL;
        var uidById = new List<long> { 0 };
        for (var i = 0; i < count; i++)
        {
            long bb = book.BestBid, ba = book.BestAsk;
            if (bb != 0 && ba != 0) mid = (bb + ba) / 2;
            else if (bb != 0) mid = bb + 1;
            else if (ba != 0) mid = ba - 1;
            var r = rng.U(100);
            Mix50Command c;
            if (r >= 60 && r < 90 && shadow.Resting.Count > 0)
            {
                var id = shadow.Resting[(int)rng.U(shadow.Resting.Count)];
                // the workload's cancels carry no user; the compact command keeps the owner, as a gateway would send it
                c = new Mix50Command(Mix50Kind.Cancel, false, id, 0, 0, uidById[(int)id]);
            }
            else if (r < 50 || (r >= 60 && r < 90))
            {
                var buy = rng.U(2) == 0;
                var s = rng.U(26) + rng.U(26) + rng.U(26) + rng.U(26);
                var d = Math.Max(1, Math.Abs(s - 50));
                var qty = 1 + rng.U(100);
                var uid = 1 + rng.U(1000);
                c = new Mix50Command(Mix50Kind.Limit, buy, nextId++, buy ? mid - d : mid + d, qty, uid);
            }
            else if (r < 60)
            {
                var buy = rng.U(2) == 0;
                var market = rng.U(2) == 1;
                var k = rng.U(10);
                var opp = buy ? shadow.Asks : shadow.Bids;
                var qty = 1 + rng.U(opp > 500 ? 200 : 100);
                var uid = 1 + rng.U(1000);
                var reference = buy ? (ba != 0 ? ba : mid) : (bb != 0 ? bb : mid);
                c = market
                    ? new Mix50Command(Mix50Kind.Market, buy, nextId++, 0, qty, uid)
                    : new Mix50Command(Mix50Kind.Ioc, buy, nextId++, buy ? reference + k : reference - k, qty, uid);
            }
            else
            {
                var buy = rng.U(2) == 0;
                var k = rng.U(5);
                var opp = buy ? shadow.Asks : shadow.Bids;
                var qty = 1 + rng.U(opp > 500 ? 200 : 100);
                var uid = 1 + rng.U(1000);
                var reference = buy ? (ba != 0 ? ba : mid) : (bb != 0 ? bb : mid);
                c = new Mix50Command(Mix50Kind.Limit, buy, nextId++, buy ? reference + k : reference - k, qty, uid);
            }
            commands[i] = c;
            if (c.Kind != Mix50Kind.Cancel) uidById.Add(c.Uid);
            foreach (var w in (ReadOnlySpan<long>)[(long)c.Kind, c.IsBuy ? 1 : 0, c.OrderId, c.Price, c.Qty, c.Kind == Mix50Kind.Cancel ? 0 : c.Uid])
                hash = (hash ^ (ulong)w) * 0x100000001B3UL;
            var status = Apply(book, c, i, ref sink);
            if (c.Kind == Mix50Kind.Limit && status is OrderStatus.New or OrderStatus.PartiallyFilled)
                shadow.Add(c.OrderId, c.IsBuy);
        }
        return (commands, hash);
    }

    /// <summary>Applies one command to a book (the engine-specific order object is built here).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static OrderStatus Apply<TSink>(OrderBook book, in Mix50Command c, long time, ref TSink sink)
        where TSink : struct, IMatchEventSink
    {
        switch (c.Kind)
        {
            case Mix50Kind.Cancel:
                book.Cancel(new CancelOrder { OrderId = c.OrderId, UserId = c.Uid, Timestamp = time }, ref sink);
                return OrderStatus.Canceled;
            case Mix50Kind.Market:
                return book.Place(new PlaceOrder
                {
                    OrderId = c.OrderId, UserId = c.Uid, Side = c.IsBuy ? OrderSide.Buy : OrderSide.Sell,
                    Type = OrderType.Market, TimeInForce = TimeInForce.Ioc, Quantity = c.Qty, ProtectionTicks = 0, Timestamp = time,
                }, ref sink);
            default:
                return book.Place(new PlaceOrder
                {
                    OrderId = c.OrderId, UserId = c.Uid, Side = c.IsBuy ? OrderSide.Buy : OrderSide.Sell,
                    Type = OrderType.Limit, TimeInForce = c.Kind == Mix50Kind.Ioc ? TimeInForce.Ioc : TimeInForce.Gtc,
                    Price = c.Price, Quantity = c.Qty, ProtectionTicks = 0, Timestamp = time,
                }, ref sink);
        }
    }
}

/// <summary>Listener of the verification pass: FNV-1a over (takerId, makerId, price, qty) of every trade.</summary>
public struct TradeHashSink : IMatchEventSink
{
    public ulong Hash;
    public long Trades;

    public TradeHashSink() => Hash = 0xCBF29CE484222325UL;

    public void OnEvent(in MatchEvent e)
    {
        if (e.Kind != MatchEventKind.Trade) return;
        Trades++;
        var h = Hash;
        h = (h ^ (ulong)e.OrderId) * 0x100000001B3UL;
        h = (h ^ (ulong)e.MakerOrderId) * 0x100000001B3UL;
        h = (h ^ (ulong)e.Price) * 0x100000001B3UL;
        h = (h ^ (ulong)e.Quantity) * 0x100000001B3UL;
        Hash = h;
    }
}
