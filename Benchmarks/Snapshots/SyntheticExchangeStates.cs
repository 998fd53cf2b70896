using Trading.Grains.Exchange;
using Trading.Grains.Margin;
using Trading.Grains.Matching;
using Trading.Grains.Symbols;
using OrderView = Trading.Grains.Interfaces.Exchange.OrderView;

namespace Trading.Benchmarks.Snapshots;

/// <summary>
/// Checkpoint states of a large exchange made with the real matching core and margin engine: <c>users</c> accounts,
/// each holding one position on one of <c>symbols</c> perpetuals (opened by a fill) and <c>ordersPerUser</c> resting
/// orders on that symbol's book (bids below and asks above 50,000, never crossing), the last two of them reduce-only
/// closes that lock position quantity; each user's journal lists its open orders. Deterministic.
/// </summary>
public sealed class SyntheticExchangeStates
{
    private const long Mid = 500_000; // 50,000.0 at tick 0.1

    public SyntheticExchangeStates(int symbols, int users, int ordersPerUser)
    {
        Specs = new Dictionary<string, SymbolSpec>(StringComparer.Ordinal);
        var books = new OrderBook[symbols];
        for (var s = 0; s < symbols; s++)
        {
            var spec = Spec($"SYM{s}USDT");
            Specs[spec.Symbol] = spec;
            books[s] = new OrderBook(spec, new OrderBookSettings { InitialOrderCapacity = users / symbols * ordersPerUser + 16 });
        }
        Accounts = new Account[users];
        Journals = new List<OrderView>[users];
        var sink = new NoEvents();
        long orderId = 1;
        for (var u = 0; u < users; u++)
        {
            var userId = u + 1L;
            var s = u % symbols;
            var spec = Specs[$"SYM{s}USDT"];
            var account = new Account(userId);
            account.Deposit("USDT", Money.FromDecimal(1_000_000m), 1);
            account.SetLeverage(spec, 10, 2);
            var fillSide = u % 2 == 0 ? TradeSide.Buy : TradeSide.Sell;
            var fillLots = 1_000L; // 1 unit
            account.SettleFill(spec, new AccountFill(orderId++, spec.Symbol, fillSide, Mid, fillLots, 0, false, 3));
            account.UpdateMarkPrice(spec.Symbol, Mid + 50, 4);
            var journal = new List<OrderView>(ordersPerUser);
            for (var k = 0; k < ordersPerUser; k++)
            {
                var closing = k >= ordersPerUser - 2;
                var side = closing ? (fillSide == TradeSide.Buy ? OrderSide.Sell : OrderSide.Buy) : (k % 2 == 0 ? OrderSide.Buy : OrderSide.Sell);
                var distance = 1 + (u * 7 + k * 13) % 2_000;
                var price = side == OrderSide.Buy ? Mid - distance : Mid + distance;
                var lots = closing ? 100L : 10L + k;
                var time = 10 + u * (long)ordersPerUser + k;
                var check = account.TryPlaceOrder(spec, new OrderRequest(orderId, side == OrderSide.Buy ? TradeSide.Buy : TradeSide.Sell,
                    closing ? OrderIntent.Close : OrderIntent.Open, price, lots, time));
                if (!check.Accepted) throw new InvalidOperationException($"order {orderId} refused: {check.Reason}");
                var command = PlaceOrder.Limit(orderId, userId, side, price, lots, time);
                command.ReduceOnly = closing;
                books[s].Place(command, ref sink);
                journal.Add(new OrderView
                {
                    OrderId = orderId, Symbol = spec.Symbol, Side = side, Type = OrderType.Limit, Price = price, Quantity = lots,
                    Status = OrderStatus.New, ReduceOnly = closing, CreateTime = time, UpdateTime = time, WorstPrice = price,
                    ClientOrderId = k == 0 ? $"c-{orderId}" : null,
                });
                orderId++;
            }
            Accounts[u] = account;
            Journals[u] = journal;
        }
        Books = books;
        RestingOrders = orderId - 1 - users;
    }

    public Dictionary<string, SymbolSpec> Specs { get; }
    public OrderBook[] Books { get; }
    public Account[] Accounts { get; }
    public List<OrderView>[] Journals { get; }
    public long RestingOrders { get; }

    /// <summary>The grains' checkpoint states (what their OnCheckpointing writes).</summary>
    public (Dictionary<string, OrderBookGrainState> Books, Dictionary<long, PositionGrainState> Positions) Capture()
    {
        var books = new Dictionary<string, OrderBookGrainState>(Books.Length, StringComparer.Ordinal);
        foreach (var book in Books)
        {
            var snapshot = book.Snapshot();
            books[snapshot.Symbol] = new OrderBookGrainState { Spec = Specs[snapshot.Symbol], Book = snapshot };
        }
        var positions = new Dictionary<long, PositionGrainState>(Accounts.Length);
        for (var u = 0; u < Accounts.Length; u++)
        {
            var a = Accounts[u];
            var symbol = Journals[u][0].Symbol;
            positions[a.UserId] = new PositionGrainState
            {
                Account = a.ToSnapshot(), Specs = new(StringComparer.Ordinal) { [symbol] = Specs[symbol] }, OpenOrders = Journals[u],
            };
        }
        return (books, positions);
    }

    private static SymbolSpec Spec(string symbol) => new()
    {
        Symbol = symbol, BaseAsset = symbol[..^4], QuoteAsset = "USDT", TickSize = 0.1m, StepSize = 0.001m, MinQtyLots = 1,
        MaxQtyLots = 1_000_000, MakerFeePpm = 200, TakerFeePpm = 400, MaxLeverage = 100,
        Brackets = [new MaintenanceBracket(0, Money.FromDecimal(50_000m), 100, 4_000, 0),
            new MaintenanceBracket(Money.FromDecimal(50_000m), Money.FromDecimal(10_000_000m), 50, 10_000, Money.FromDecimal(300m))],
    };

    private struct NoEvents : IMatchEventSink
    {
        public readonly void OnEvent(in MatchEvent e) { }
    }
}
