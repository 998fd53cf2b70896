using Trading.Benchmarks.Snapshots;
using Trading.Grains.Exchange;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Matching;
using OrderView = Trading.Grains.Interfaces.Exchange.OrderView;

namespace Trading.Benchmarks.Codecs;

/// <summary>
/// The two grain states the state-codec benchmark encodes, built with the real matching core and margin engine
/// (<see cref="SyntheticExchangeStates"/>): a book of 100,000 resting orders (10,000 users with 10 orders each, the
/// holdings those users' positions give), and an account whose journal is full: its open orders, 1,000 closed orders
/// and 1,000 trades (the journal's bounds).
/// </summary>
public static class StateBenchmarkStates
{
    private const long Time = 1_795_000_000_000;

    public static OrderBookGrainState Book()
    {
        var exchange = new SyntheticExchangeStates(symbols: 1, users: 10_000, ordersPerUser: 10);
        var (books, _) = exchange.Capture();
        var state = books["SYM0USDT"];
        foreach (var account in exchange.Accounts) state.Holdings[account.UserId] = account.UserId % 2 == 1 ? 1_000 : -1_000;
        return state;
    }

    public static PositionGrainState Account()
    {
        var exchange = new SyntheticExchangeStates(symbols: 1, users: 1, ordersPerUser: 10);
        var (_, positions) = exchange.Capture();
        var state = positions[1];
        for (var i = 0; i < 1_000; i++)
        {
            var orderId = 1_000_000_000L + i * 7;
            var canceled = i % 4 == 3;
            var price = 500_000L + i % 97 - 48;
            state.ClosedOrders.Add(new OrderView
            {
                OrderId = orderId, Symbol = "SYM0USDT", ClientOrderId = i % 3 == 0 ? $"web-{Time + i}-{i}" : null,
                Side = i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, Type = i % 5 == 0 ? OrderType.Market : OrderType.Limit,
                TimeInForce = i % 5 == 0 ? TimeInForce.Ioc : TimeInForce.Gtc, Price = i % 5 == 0 ? 0 : price, Quantity = 10 + i % 50,
                FilledQuantity = canceled ? 0 : 10 + i % 50, FilledNotional = canceled ? 0 : price * (10 + i % 50) * 10_000,
                Fees = canceled ? 0 : price * (10 + i % 50) * 4, Status = canceled ? OrderStatus.Canceled : OrderStatus.Filled,
                Reason = canceled ? "CANCELED_BY_USER" : null, CreateTime = Time + i * 1_000L, UpdateTime = Time + i * 1_000L + 15,
                WorstPrice = price + 50,
            });
            state.Trades.Add(new TradeView(5_000_000 + i, "SYM0USDT", orderId, i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, price,
                10 + i % 50, price * (10 + i % 50) * 10_000, price * (10 + i % 50) * 4, i % 2 == 0 ? 0 : (i % 11 - 5) * 1_000_000L,
                i % 3 == 0, false, Time + i * 1_000L + 15));
        }
        return state;
    }
}
