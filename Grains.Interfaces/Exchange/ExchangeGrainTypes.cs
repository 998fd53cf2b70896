using Microsoft.Extensions.DependencyInjection;
using Trading.Grains.Interfaces.Exchange.Codecs;
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

    /// <summary>
    /// The book's inputs and replies, plus the codecs of what it sends on <c>positions.fills</c>. Its
    /// <see cref="MatchResult"/>s stay JSON: <c>match-results</c> is the public results topic, read as JSON by the
    /// trades exporter.
    /// </summary>
    public static void OrderBookMessages(MessageTypeRegistry m) => m
        .Register(BookPlaceCodec.Instance).Register(BookCancelCodec.Instance).Register<BookCancelAll>().Register(BookAmendCodec.Instance)
        .Register<SetMarkPrice>().Register<ConfigureSymbol>().Register<GetBookDepth>().Register<GetTicker>()
        .Register(OrderResultCodec.Instance).Register<BookDepth>().Register<Ticker>().Register<CommandResult>()
        .WriteWith(UserBookEventsCodec.Instance).WriteWith(MarkPriceUpdateCodec.Instance);

    /// <summary>The account's inputs and replies, plus the codecs of what it sends to the books and on <c>positions</c>.</summary>
    public static void PositionMessages(MessageTypeRegistry m) => m
        .Register(SubmitOrderCodec.Instance).Register<CancelOrderRequest>().Register<CancelAllRequest>().Register<AmendOrderRequest>()
        .Register<Deposit>().Register<SetLeverage>().Register<SetMarginMode>()
        .Register<GetAccount>().Register<GetOrders>().Register<GetOrder>().Register<GetTrades>()
        .Register(UserBookEventsCodec.Instance).Register(MarkPriceUpdateCodec.Instance)
        // Replies, including those the book sends for a forwarded place, cancel or amend.
        .Register(OrderResultCodec.Instance).Register<CommandResult>().Register<AccountView>().Register<OrderList>()
        .Register<OrderLookup>().Register<TradeList>()
        .WriteWith(BookPlaceCodec.Instance).WriteWith(BookCancelCodec.Instance).WriteWith(BookAmendCodec.Instance)
        .WriteWith(UserUpdateCodec.Instance);

    public static void SymbolRegistryMessages(MessageTypeRegistry m) => m
        .Register<UpsertSymbol>().Register<GetSymbols>().Register<SymbolResult>().Register<SymbolList>();

    /// <summary>
    /// Message types of the output streams, for their consumers: binary where the grains write binary, and a
    /// <see cref="MatchResult"/> read in either form but written as JSON, as the book writes it.
    /// </summary>
    public static void StreamMessages(MessageTypeRegistry m) => m
        .RegisterReadOnlyCodec(MatchResultCodec.Instance).Register(UserBookEventsCodec.Instance).Register(MarkPriceUpdateCodec.Instance)
        .Register(UserUpdateCodec.Instance).Register<ConfigureSymbol>().Register<DepthUpdate>();

    /// <summary>Registers the exchange's grain interfaces for a process that calls them (a gateway).</summary>
    public static IServiceCollection AddExchangeGrainInterfaces(this IServiceCollection services, TopicOptions topics) => services
        .AddGrainInterface<IOrderBookGrain>(OrderBook, topics.OrdersCommands, OrderBookMessages)
        .AddGrainInterface<IPositionGrain>(Position, topics.OrdersRequests, PositionMessages)
        .AddGrainInterface<ISymbolRegistryGrain>(SymbolRegistry, topics.SymbolCommands, SymbolRegistryMessages);
}
