using Trading.Grains.Margin;
using Trading.Grains.Matching;

namespace Trading.Grains.Interfaces.Exchange;

public sealed record GetAccount;
public sealed record GetOrders(string? Symbol, OrderStatus? Status, bool OpenOnly, int Limit);
public sealed record GetOrder(long OrderId);
public sealed record GetTrades(string? Symbol, int Limit);

/// <summary>Balances and positions of a user. Money in 1e-8 units; prices in ticks and quantities in lots of each symbol.</summary>
public sealed record AccountView(long UserId, long UpdateTime, IReadOnlyList<BalanceView> Balances, IReadOnlyList<PositionView> Positions);

public sealed record BalanceView(string Asset, long WalletBalance, long AvailableBalance, long ReservedForOrders,
    long IsolatedMargin, long UnrealizedPnl, long FeesPaid, long InsuranceFundCovered);

/// <summary>
/// What changed on a user's account after one input: the record on <c>positions</c> (key: user id), feeding
/// the cache, history and the user's private WebSocket channels.
/// </summary>
public sealed record UserUpdate(long UserId, string? Symbol, long Timestamp, IReadOnlyList<OrderView> Orders,
    IReadOnlyList<TradeView> Trades, PositionView? Position, IReadOnlyList<BalanceView> Balances);

public sealed record PositionView(string Symbol, PositionSide Side, PositionMode Mode, int Leverage, long Quantity,
    long EntryNotional, long AveragePrice, long MarkPrice, long UnrealizedPnl, long RealizedPnl, long Margin,
    long MaintenanceMargin, long RiskRatioPpm, long LiquidationPrice, PositionStatus Status, long LockedQuantity,
    long AvailableQuantity, LockStatus LockStatus, long CreateTime, long UpdateTime);

/// <summary>An order as its owner sees it. <see cref="FilledNotional"/> (1e-8 units) / filled gives the average price.</summary>
public sealed record OrderView
{
    public required long OrderId { get; init; }
    public required string Symbol { get; init; }
    public string? ClientOrderId { get; init; }
    public required OrderSide Side { get; init; }
    public required OrderType Type { get; init; }
    public TimeInForce TimeInForce { get; init; }
    public long Price { get; init; }
    public long StopPrice { get; init; }
    public required long Quantity { get; init; }
    public long FilledQuantity { get; init; }
    public long FilledNotional { get; init; }
    public long Fees { get; init; }
    public required OrderStatus Status { get; init; }
    public string? Reason { get; init; }
    public bool ReduceOnly { get; init; }
    public PositionAction PositionAction { get; init; }
    public bool Liquidation { get; init; }
    public long CreateTime { get; init; }
    public long UpdateTime { get; init; }
    /// <summary>The price the order's margin is reserved at (see <see cref="SubmitOrder.WorstPrice"/>).</summary>
    public long WorstPrice { get; init; }
}

public sealed record OrderList(IReadOnlyList<OrderView> Orders);

/// <summary>The reply to <see cref="GetOrder"/>: null when the user has no such order.</summary>
public sealed record OrderLookup(OrderView? Order);

/// <summary>One fill of the user's order.</summary>
public sealed record TradeView(long TradeId, string Symbol, long OrderId, OrderSide Side, long Price, long Quantity,
    long Notional, long Fee, long RealizedPnl, bool Maker, bool Liquidation, long Time);

public sealed record TradeList(IReadOnlyList<TradeView> Trades);
