using Microsoft.Extensions.DependencyInjection;
using Trading.Runtime.Configuration;
using Trading.Runtime.Hosting;
using Trading.Runtime.Messaging;

namespace Trading.Grains.Interfaces.Exchange;

/// <summary>
/// Names, input topics and message catalogues of the exchange's grain types: the contract shared by the
/// silo (which hosts them) and the gateway (which only calls them).
/// </summary>
public static class ExchangeGrainTypes
{
    public const string OrderBook = "OrderBook";
    public const string Position = "Position";
    public const string SymbolRegistry = "SymbolRegistry";

    public static void OrderBookMessages(MessageTypeRegistry m) => m
        .Register<BookPlace>().Register<BookCancel>().Register<BookCancelAll>().Register<BookAmend>()
        .Register<SetMarkPrice>().Register<ConfigureSymbol>().Register<GetBookDepth>().Register<GetTicker>()
        .Register<OrderResult>().Register<BookDepth>().Register<Ticker>().Register<CommandResult>();

    public static void PositionMessages(MessageTypeRegistry m) => m
        .Register<SubmitOrder>().Register<CancelOrderRequest>().Register<CancelAllRequest>().Register<AmendOrderRequest>()
        .Register<Deposit>().Register<SetLeverage>().Register<SetMarginMode>()
        .Register<GetAccount>().Register<GetOrders>().Register<GetOrder>().Register<GetTrades>()
        .Register<UserBookEvents>().Register<MarkPriceUpdate>()
        // Replies, including those the book sends for a forwarded place, cancel or amend.
        .Register<OrderResult>().Register<CommandResult>().Register<AccountView>().Register<OrderList>()
        .Register<OrderLookup>().Register<TradeList>();

    public static void SymbolRegistryMessages(MessageTypeRegistry m) => m
        .Register<UpsertSymbol>().Register<GetSymbols>().Register<SymbolResult>().Register<SymbolList>();

    /// <summary>Message types of the output streams, for their consumers.</summary>
    public static void StreamMessages(MessageTypeRegistry m) => m
        .Register<MatchResult>().Register<UserBookEvents>().Register<MarkPriceUpdate>().Register<UserUpdate>()
        .Register<ConfigureSymbol>().Register<DepthUpdate>();

    /// <summary>Registers the exchange's grain interfaces for a process that calls them (a gateway).</summary>
    public static IServiceCollection AddExchangeGrainInterfaces(this IServiceCollection services, TopicOptions topics) => services
        .AddGrainInterface<IOrderBookGrain>(OrderBook, topics.OrdersCommands, OrderBookMessages)
        .AddGrainInterface<IPositionGrain>(Position, topics.OrdersRequests, PositionMessages)
        .AddGrainInterface<ISymbolRegistryGrain>(SymbolRegistry, topics.SymbolCommands, SymbolRegistryMessages);
}
