using System.Globalization;
using Microsoft.Extensions.Options;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Matching;
using Trading.Grains.Symbols;
using Trading.Runtime.Client;

namespace Trading.Client.Api.Exchange;

/// <summary>
/// What the gateway does for a user, apart from HTTP: assigns order ids, prices the worst case a new order
/// may cost, and talks to the user's Position grain and the symbols' books. Used by the endpoints and by the
/// embedded demo's traders.
/// </summary>
public sealed class TradingService(IClusterClient client, OrderIdGenerator ids, TickerCache tickers, IOptions<ExchangeOptions> options)
{
    private TimeSpan WaitTimeout => TimeSpan.FromMilliseconds(options.Value.WaitTimeoutMs);

    private static string UserKey(long userId) => userId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Sends the order to the user's account. With <paramref name="wait"/>, returns the book's (or the risk check's) result.</summary>
    public async Task<(long OrderId, OrderResult? Result)> PlaceAsync(long userId, OrderDraft draft, bool wait, CancellationToken cancellationToken)
    {
        var submit = new SubmitOrder
        {
            OrderId = ids.Next(), Spec = draft.Spec, Side = draft.Side, Type = draft.Type, TimeInForce = draft.TimeInForce,
            Price = draft.Price, StopPrice = draft.StopPrice, Quantity = draft.Quantity,
            WorstPrice = await WorstPriceAsync(draft, cancellationToken).ConfigureAwait(false),
            ReduceOnly = draft.ReduceOnly, PositionAction = draft.PositionAction, WorkingType = draft.WorkingType,
            SelfTradePrevention = draft.SelfTradePrevention,
            ClientOrderId = draft.ClientOrderId is null ? 0 : ClientOrderIds.Hash(draft.ClientOrderId), ClientOrderIdText = draft.ClientOrderId,
        };
        if (!wait)
        {
            await client.SendAsync<IPositionGrain>(UserKey(userId), submit, cancellationToken).ConfigureAwait(false);
            return (submit.OrderId, null);
        }
        var result = await client.AskAsync<IPositionGrain, OrderResult>(UserKey(userId), submit, WaitTimeout, cancellationToken).ConfigureAwait(false);
        return (submit.OrderId, result);
    }

    /// <summary>
    /// The price the account reserves margin at: the limit for a buy; for a sell the higher of the limit and
    /// the best bid (it may fill there); for market-like orders the best opposite price (else last, else mark)
    /// moved by the protection bound.
    /// </summary>
    private async Task<long> WorstPriceAsync(OrderDraft d, CancellationToken cancellationToken)
    {
        if (d.Side == OrderSide.Buy && d.Type is OrderType.Limit or OrderType.StopLimit or OrderType.TakeProfit) return d.Price;
        var t = await tickers.GetAsync(d.Spec.Symbol, cancellationToken).ConfigureAwait(false);
        var reference = Math.Max(Math.Max(d.Side == OrderSide.Buy ? t.BestAsk : t.BestBid, t.LastPrice), t.MarkPrice);
        if (d.Type.IsConditional()) reference = Math.Max(reference, d.StopPrice);
        if (!d.Type.IsMarketLike()) return Math.Max(d.Price, reference);
        if (reference == 0) return 0; // nothing to price against: the account refuses (INVALID_PRICE)
        var protection = d.Spec.MarketProtectionTicks > 0 ? d.Spec.MarketProtectionTicks : reference / 10;
        return d.Side == OrderSide.Buy ? reference + protection : reference;
    }

    public Task<OrderResult> CancelAsync(long userId, long orderId, CancellationToken cancellationToken) =>
        client.AskAsync<IPositionGrain, OrderResult>(UserKey(userId), new CancelOrderRequest(orderId), WaitTimeout, cancellationToken);

    public Task<OrderResult> CancelByClientIdAsync(long userId, string symbol, string clientOrderId, CancellationToken cancellationToken) =>
        client.AskAsync<IPositionGrain, OrderResult>(UserKey(userId),
            new CancelOrderRequest(0, symbol, ClientOrderIds.Hash(clientOrderId)), WaitTimeout, cancellationToken);

    public Task<OrderResult> CancelAllAsync(long userId, string symbol, CancellationToken cancellationToken) =>
        client.AskAsync<IPositionGrain, OrderResult>(UserKey(userId), new CancelAllRequest(symbol), WaitTimeout, cancellationToken);

    public Task<OrderResult> AmendAsync(long userId, long orderId, long newPrice, long newQuantity, CancellationToken cancellationToken) =>
        client.AskAsync<IPositionGrain, OrderResult>(UserKey(userId), new AmendOrderRequest(orderId, newPrice, newQuantity), WaitTimeout,
            cancellationToken);

    public async Task<OrderView?> GetOrderAsync(long userId, long orderId, CancellationToken cancellationToken) =>
        (await client.AskAsync<IPositionGrain, OrderLookup>(UserKey(userId), new GetOrder(orderId), cancellationToken: cancellationToken)
            .ConfigureAwait(false)).Order;

    public async Task<IReadOnlyList<OrderView>> GetOrdersAsync(long userId, string? symbol, OrderStatus? status, bool openOnly, int limit,
        CancellationToken cancellationToken) =>
        (await client.AskAsync<IPositionGrain, OrderList>(UserKey(userId), new GetOrders(symbol, status, openOnly, limit),
            cancellationToken: cancellationToken).ConfigureAwait(false)).Orders;

    public async Task<IReadOnlyList<TradeView>> GetTradesAsync(long userId, string? symbol, int limit, CancellationToken cancellationToken) =>
        (await client.AskAsync<IPositionGrain, TradeList>(UserKey(userId), new GetTrades(symbol, limit), cancellationToken: cancellationToken)
            .ConfigureAwait(false)).Trades;

    public Task<AccountView> GetAccountAsync(long userId, CancellationToken cancellationToken) =>
        client.AskAsync<IPositionGrain, AccountView>(UserKey(userId), new GetAccount(), cancellationToken: cancellationToken);

    public Task<CommandResult> DepositAsync(long userId, string asset, long amount, CancellationToken cancellationToken) =>
        client.AskAsync<IPositionGrain, CommandResult>(UserKey(userId), new Deposit(asset, amount), cancellationToken: cancellationToken);

    public Task<CommandResult> SetLeverageAsync(long userId, SymbolSpec spec, int leverage, CancellationToken cancellationToken) =>
        client.AskAsync<IPositionGrain, CommandResult>(UserKey(userId), new SetLeverage(spec, leverage), cancellationToken: cancellationToken);

    public Task<CommandResult> SetMarginModeAsync(long userId, SymbolSpec spec, Grains.Margin.PositionMode mode, CancellationToken cancellationToken) =>
        client.AskAsync<IPositionGrain, CommandResult>(UserKey(userId), new SetMarginMode(spec, mode), cancellationToken: cancellationToken);

    public Task<CommandResult> SetMarkPriceAsync(string symbol, long markPrice, CancellationToken cancellationToken) =>
        client.AskAsync<IOrderBookGrain, CommandResult>(symbol, new SetMarkPrice(markPrice), cancellationToken: cancellationToken);

    public Task<BookDepth> GetDepthAsync(string symbol, int levels, CancellationToken cancellationToken) =>
        client.AskAsync<IOrderBookGrain, BookDepth>(symbol, new GetBookDepth(levels), cancellationToken: cancellationToken);

    public Task<Ticker> GetTickerAsync(string symbol, CancellationToken cancellationToken) =>
        client.AskAsync<IOrderBookGrain, Ticker>(symbol, new GetTicker(), cancellationToken: cancellationToken);

    public Task<SymbolResult> UpsertSymbolAsync(SymbolSpec spec, bool create, CancellationToken cancellationToken) =>
        client.AskAsync<ISymbolRegistryGrain, SymbolResult>(ISymbolRegistryGrain.Key, new UpsertSymbol(spec, create), cancellationToken: cancellationToken);
}
