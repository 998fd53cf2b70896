using System.Text;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Matching;
using Trading.Runtime.Messaging;
using Trading.Silo.ReadSide.History;

namespace Trading.Tests.ReadSide.History;

/// <summary>The trades exporter's payload reader gives exactly the trades the registry's JSON deserializer would.</summary>
public sealed class MatchResultTradeReaderTests
{
    private static readonly MessageTypeRegistry Messages = CreateMessages();

    [Fact]
    public void Random_match_results_yield_the_trades_of_their_deserialized_events()
    {
        var random = new Random(20261201);
        var reader = new MatchResultTradeReader();
        for (var n = 0; n < 2_000; n++)
        {
            var result = RandomResult(random);
            var payload = Messages.Serialize(result);
            var decoded = (MatchResult)Messages.Deserialize(nameof(MatchResult), payload);
            var expected = new List<TradeRow>();
            foreach (var e in decoded.Events)
                if (e.Kind == MatchEventKind.Trade) expected.Add(Row(decoded.Symbol, e));

            var got = new List<TradeRow> { new() { Symbol = "EARLIER", TradeSequence = -1 } };
            Assert.Equal(expected.Count, reader.Read(payload, got));
            Assert.Equal([new TradeRow { Symbol = "EARLIER", TradeSequence = -1 }, .. expected], got);
        }
    }

    [Fact]
    public void Property_order_case_numeric_enums_escapes_and_unknown_fields_do_not_matter()
    {
        var json = """
            {"events":[
              {"KIND":"trade","Price":5,"quantity":2,"side":1,"tradeSequence":9,"future":{"nested":[1,2,{"x":null}]},"timestamp":1795000000123,
               "\u006Fr\u0064erId":11,"userId":12,"makerOrderId":13,"makerUserId":14,"notional":15,"makerFee":-16,"takerFee":17,"liquidation":true,"reason":null},
              {"kind":2,"side":"BUY","tradeSequence":10},
              {"kind":"Accepted","tradeSequence":99},
              {"kind":"SomeFutureKind","tradeSequence":98}
            ],"extra":[true],"symbol":"BTC\u0055SDT"}
            """;
        var trades = new List<TradeRow>();
        Assert.Equal(2, new MatchResultTradeReader().Read(Encoding.UTF8.GetBytes(json), trades));
        Assert.Equal(new TradeRow
        {
            Symbol = "BTCUSDT", Timestamp = 1_795_000_000_123, TradeSequence = 9, Price = 5, Quantity = 2, Notional = 15, Side = OrderSide.Sell,
            OrderId = 11, UserId = 12, MakerOrderId = 13, MakerUserId = 14, TakerFee = 17, MakerFee = -16, Liquidation = true,
        }, trades[0]);
        Assert.Equal(new TradeRow { Symbol = "BTCUSDT", TradeSequence = 10, Side = OrderSide.Buy }, trades[1]);
    }

    [Fact]
    public void A_symbol_is_kept_once_however_many_results_carry_it()
    {
        var reader = new MatchResultTradeReader();
        var trades = new List<TradeRow>();
        var payload = Encoding.UTF8.GetBytes("""{"symbol":"ETHUSDT","events":[{"kind":"Trade","tradeSequence":1}]}""");
        reader.Read(payload, trades);
        reader.Read(payload, trades);
        Assert.Same(trades[0].Symbol, trades[1].Symbol);
    }

    [Theory]
    [InlineData("""{"symbol":"X","events":[{"kind":"Trade","price":"5"}]}""")]
    [InlineData("""{"symbol":"X","events":[{"kind":"Trade","side":"Up"}]}""")]
    [InlineData("""{"symbol":"X","events":[{"kind":"Trade"}""")]
    [InlineData("""{"symbol":"X","events":{"kind":"Trade"}}""")]
    [InlineData("""{"symbol":"X","events":[1]}""")]
    [InlineData("""{"events":[{"kind":"Trade"}]}""")]
    [InlineData("""[{"kind":"Trade"}]""")]
    [InlineData("""not json""")]
    public void A_payload_that_is_not_a_match_result_fails_and_adds_nothing(string json)
    {
        var trades = new List<TradeRow> { new() { Symbol = "KEPT" } };
        Assert.Throws<FormatException>(() => new MatchResultTradeReader().Read(Encoding.UTF8.GetBytes(json), trades));
        Assert.Equal([new TradeRow { Symbol = "KEPT" }], trades);
    }

    private static TradeRow Row(string symbol, BookEvent e) => new()
    {
        Symbol = symbol, Timestamp = e.Timestamp, TradeSequence = e.TradeSequence, Price = e.Price, Quantity = e.Quantity,
        Notional = e.Notional, Side = e.Side, OrderId = e.OrderId, UserId = e.UserId, MakerOrderId = e.MakerOrderId,
        MakerUserId = e.MakerUserId, TakerFee = e.TakerFee, MakerFee = e.MakerFee, Liquidation = e.Liquidation,
    };

    private static MatchResult RandomResult(Random random)
    {
        var kinds = Enum.GetValues<MatchEventKind>();
        var events = new BookEvent[random.Next(0, 6)];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = new BookEvent
            {
                Sequence = random.NextInt64(), Timestamp = random.NextInt64(0, 4_000_000_000_000), Kind = kinds[random.Next(kinds.Length)],
                Command = (BookCommandKind)random.Next(0, 3), Reason = random.Next(3) == 0 ? null : "REASON_\"\\\t€",
                OrderId = Long(random), UserId = Long(random), ClientOrderId = Long(random), Side = (OrderSide)random.Next(2),
                Type = (OrderType)random.Next(2), TimeInForce = (TimeInForce)random.Next(2), Status = (OrderStatus)random.Next(3),
                Price = Long(random), Quantity = Long(random), FilledQuantity = Long(random), StopPrice = Long(random),
                ReduceOnly = random.Next(2) == 0, PositionAction = (PositionAction)random.Next(2), Liquidation = random.Next(2) == 0,
                PriorityKept = random.Next(2) == 0, TradeSequence = Long(random), MakerOrderId = Long(random), MakerUserId = Long(random),
                MakerClientOrderId = Long(random), MakerFilledQuantity = Long(random), MakerStatus = (OrderStatus)random.Next(3),
                Notional = Long(random), MakerFee = Long(random), TakerFee = Long(random),
            };
        }
        var symbols = new[] { "BTCUSDT", "ETHUSDT", "SOL_\"quoted\"€" };
        return new MatchResult(symbols[random.Next(symbols.Length)], events);
    }

    private static long Long(Random random) => random.Next(4) switch
    {
        0 => long.MinValue,
        1 => long.MaxValue,
        _ => random.NextInt64(long.MinValue, long.MaxValue),
    };

    private static MessageTypeRegistry CreateMessages()
    {
        var messages = new MessageTypeRegistry();
        ExchangeGrainTypes.StreamMessages(messages);
        return messages;
    }
}
