using System.Text;
using System.Text.Json;
using Trading.Benchmarks.Codecs;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Matching;
using Trading.Runtime.Messaging;
using Trading.Silo.ReadSide.History;
using Xunit.Abstractions;

namespace Trading.Tests.Exchange.Codecs;

/// <summary>
/// The grains' registries (<see cref="ExchangeGrainTypes"/>): what each sender writes binary, its receiver reads;
/// JSON payloads written before the codecs (records still in the log) stay readable; other types stay JSON.
/// </summary>
public sealed class ExchangeCodecCompatibilityTests(ITestOutputHelper output)
{
    private static readonly MessageTypeRegistry Book = Create(ExchangeGrainTypes.OrderBookMessages);
    private static readonly MessageTypeRegistry Account = Create(ExchangeGrainTypes.PositionMessages);
    private static readonly MessageTypeRegistry Streams = Create(ExchangeGrainTypes.StreamMessages);

    [Fact]
    public void Every_hop_of_the_order_flow_is_binary_and_read_by_its_receiver()
    {
        // gateway -> account (orders.requests): the gateway writes with the account's registry.
        Hop(Account, Account, CodecSamples.SubmitOrder(), binary: true);
        // account -> book (orders.commands)
        Hop(Account, Book, CodecSamples.BookPlace(), binary: true);
        Hop(Account, Book, CodecSamples.BookCancel(), binary: true);
        Hop(Account, Book, CodecSamples.BookAmend(), binary: true);
        // book -> account (positions.fills, forwarded into orders.requests), and the book's replies to the gateway
        Hop(Book, Account, CodecSamples.UserBookEvents(), binary: true);
        Hop(Book, Account, CodecSamples.MarkPriceUpdate(), binary: true);
        Hop(Book, Account, CodecSamples.OrderResult(), binary: true);
        Hop(Account, Account, CodecSamples.OrderResult(), binary: true);
        // account -> positions (cache, history, push)
        Hop(Account, Streams, CodecSamples.UserUpdate(), binary: true);
        // book -> match-results stays JSON, the public results topic
        Hop(Book, Streams, CodecSamples.MatchResult(), binary: false);
        Hop(Streams, Streams, CodecSamples.MatchResult(), binary: false);
    }

    [Fact]
    public void Stream_readers_also_read_a_binary_match_result()
    {
        var binary = ExchangeCodecs.Registry().Serialize(CodecSamples.MatchResult());
        Assert.Equal(MessageTypeRegistry.BinaryMarker, binary[0]);
        Assert.Equal(ExchangeCodecs.Json(CodecSamples.MatchResult()), ExchangeCodecs.Json(Streams.Deserialize(nameof(MatchResult), binary)));

        var reader = new MatchResultTradeReader();
        var fromJson = new List<TradeRow>();
        var fromBinary = new List<TradeRow>();
        reader.Read(Streams.Serialize(CodecSamples.MatchResult()), fromJson);
        reader.Read(binary, fromBinary);
        Assert.Equal(3, fromBinary.Count);
        Assert.Equal(fromJson, fromBinary);
        Assert.Same(fromJson[0].Symbol, fromBinary[0].Symbol);
    }

    [Fact]
    public void Types_without_a_codec_stay_json()
    {
        object[] plain =
        [
            new CommandResult(true, null), new BookCancelAll(3), new CancelOrderRequest(1, "BTCUSDT", 2), new GetAccount(),
            new ConfigureSymbol(CodecSamples.Spec()), new SetLeverage(CodecSamples.Spec(), 20), new Ticker("X", true, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
        ];
        foreach (var message in plain)
        {
            var registry = Account.TryNameOf(message.GetType(), out _) ? Account : Book.TryNameOf(message.GetType(), out _) ? Book : Streams;
            var payload = registry.Serialize(message);
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), MessageTypeRegistry.JsonOptions), payload);
            Assert.Equal(ExchangeCodecs.Json(message), ExchangeCodecs.Json(registry.Deserialize(registry.NameOf(message.GetType()), payload)));
        }
    }

    [Fact]
    public void Json_payloads_written_before_the_codecs_still_deserialize()
    {
        foreach (var (registry, message) in new (MessageTypeRegistry, object)[]
                 {
                     (Account, CodecSamples.SubmitOrder()), (Book, CodecSamples.BookPlace()), (Book, CodecSamples.BookCancel()),
                     (Book, CodecSamples.BookAmend()), (Account, CodecSamples.UserBookEvents()), (Account, CodecSamples.MarkPriceUpdate()),
                     (Account, CodecSamples.OrderResult()), (Streams, CodecSamples.UserUpdate()), (Streams, CodecSamples.MatchResult()),
                     (Streams, new UserUpdate(1, null, 2, [], [], null, [])),
                 })
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), MessageTypeRegistry.JsonOptions);
            Assert.Equal(ExchangeCodecs.Json(message), ExchangeCodecs.Json(registry.Deserialize(message.GetType().Name, json)));
        }
    }

    [Fact]
    public void A_json_submit_order_as_the_gateway_wrote_it_before_still_reads()
    {
        var json = """
            {"orderId":77,"spec":{"symbol":"BTCUSDT","baseAsset":"BTC","quoteAsset":"USDT","kind":"UsdtPerpetual","tickSize":0.10,"stepSize":0.001,
             "minQtyLots":1,"maxQtyLots":1000000,"minNotional":500000000,"priceBandPpm":50000,"marketProtectionTicks":100,"makerFeePpm":200,
             "takerFeePpm":500,"maxLeverage":125,"brackets":[{"notionalFloor":0,"notionalCap":5000000000000,"maxLeverage":125,
             "maintenanceMarginRatePpm":4000,"maintenanceAmount":0}],"notionalMultiplier":10000},
             "side":"Sell","type":"Limit","timeInForce":"Gtc","price":500000,"stopPrice":0,"quantity":3,"worstPrice":500000,"reduceOnly":false,
             "positionAction":"Unspecified","workingType":"LastPrice","selfTradePrevention":"Default","protectionTicks":-1,"clientOrderId":0,
             "clientOrderIdText":null}
            """;
        var order = (SubmitOrder)Account.Deserialize(nameof(SubmitOrder), Encoding.UTF8.GetBytes(json));
        Assert.Equal(77, order.OrderId);
        Assert.Equal(OrderSide.Sell, order.Side);
        Assert.Equal("0.10", order.Spec.TickSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(4_000, Assert.Single(order.Spec.Brackets).MaintenanceMarginRatePpm);
        Assert.Equal(-1, order.ProtectionTicks);

        var binary = Account.Serialize(order);
        Assert.Equal(ExchangeCodecs.Json(order), ExchangeCodecs.Json(Account.Deserialize(nameof(SubmitOrder), binary)));
    }

    [Fact]
    public void Binary_payloads_are_a_fraction_of_the_json()
    {
        foreach (var (name, message) in new (string, object)[]
                 {
                     ("SubmitOrder (test sample)", CodecSamples.SubmitOrder()),
                     ("UserBookEvents (test sample, 2 events)", CodecSamples.UserBookEvents()),
                     ("UserUpdate (test sample)", CodecSamples.UserUpdate()),
                     ("SymbolSpec (benchmark, 4 brackets)", CodecBenchmarkMessages.Spec()),
                     ("SubmitOrder (benchmark)", CodecBenchmarkMessages.SubmitOrder()),
                     ("UserBookEvents (benchmark, 2 events)", CodecBenchmarkMessages.UserBookEvents()),
                     ("UserUpdate (benchmark)", CodecBenchmarkMessages.UserUpdate()),
                 })
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), MessageTypeRegistry.JsonOptions).Length;
            var binary = ExchangeCodecs.Registry().Serialize(message).Length;
            output.WriteLine($"{name}: JSON {json} bytes, binary {binary} bytes ({100.0 * binary / json:F0} %)");
            Assert.True(binary * 2 < json, $"{name}: binary {binary} bytes is not under half the JSON's {json}.");
        }
    }

    private static void Hop(MessageTypeRegistry sender, MessageTypeRegistry receiver, object message, bool binary)
    {
        var payload = sender.Serialize(message);
        Assert.Equal(binary, payload[0] == MessageTypeRegistry.BinaryMarker);
        var name = sender.TryNameOf(message.GetType(), out var registered) ? registered : message.GetType().Name; // as TurnContext names outputs
        Assert.True(receiver.TryResolve(name, out var type), $"{name} is not resolvable by its receiver.");
        Assert.Equal(message.GetType(), type);
        Assert.Equal(ExchangeCodecs.Json(message), ExchangeCodecs.Json(receiver.Deserialize(name, payload)));
    }

    private static MessageTypeRegistry Create(Action<MessageTypeRegistry> messages)
    {
        var registry = new MessageTypeRegistry();
        messages(registry);
        return registry;
    }
}
