using System.Globalization;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.Exchange.Codecs;
using Trading.Grains.Symbols;
using Trading.Grains.Symbols.Codecs;
using Trading.Runtime.Messaging;

namespace Trading.Tests.Exchange.Codecs;

/// <summary>Each codec gives back a fully populated instance equal, property by property and element by element, to the one written.</summary>
public sealed class ExchangeCodecRoundTripTests
{
    [Fact]
    public void Symbol_spec_with_brackets_and_trailing_zero_decimals()
    {
        var spec = CodecSamples.Spec();
        var decoded = RoundTrip(SymbolSpecCodec.Instance, spec);
        Assert.Equal(spec.Brackets, decoded.Brackets);
        Assert.Equal(spec, decoded with { Brackets = spec.Brackets });
        Assert.Equal("0.10", decoded.TickSize.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("0.00100", decoded.StepSize.ToString(CultureInfo.InvariantCulture));
        Assert.Empty(RoundTrip(SymbolSpecCodec.Instance, spec with { Brackets = [] }).Brackets);
        Assert.Null(RoundTrip(SymbolSpecCodec.Instance, spec with { Brackets = null! }).Brackets);
    }

    [Fact]
    public void Submit_order_with_its_spec()
    {
        var order = CodecSamples.SubmitOrder();
        var decoded = RoundTrip(SubmitOrderCodec.Instance, order);
        Assert.Equal(order.Spec.Brackets, decoded.Spec.Brackets);
        Assert.Equal(order.Spec, decoded.Spec with { Brackets = order.Spec.Brackets });
        Assert.Equal(order, decoded with { Spec = order.Spec });
        var bare = order with { Spec = null!, ClientOrderIdText = null };
        Assert.Equal(bare, RoundTrip(SubmitOrderCodec.Instance, bare));
    }

    [Fact]
    public void Orders_of_one_symbol_share_their_decoded_spec_and_other_specs_are_not_mistaken_for_it()
    {
        var first = RoundTrip(SubmitOrderCodec.Instance, CodecSamples.SubmitOrder());
        var second = RoundTrip(SubmitOrderCodec.Instance, CodecSamples.SubmitOrder() with { OrderId = 2 });
        Assert.Same(first.Spec, second.Spec);

        // More distinct specs than the thread remembers, twice round: each order still gets its own spec's values.
        var specs = Enumerable.Range(0, 40).Select(i => CodecSamples.Spec() with { MaxLeverage = i, Symbol = i % 2 == 0 ? "BTCUSDT" : "ETHUSDT" }).ToArray();
        foreach (var spec in specs.Concat(specs).Concat(specs.Reverse()))
        {
            var decoded = RoundTrip(SubmitOrderCodec.Instance, CodecSamples.SubmitOrder() with { Spec = spec }).Spec;
            Assert.Equal(spec.Brackets, decoded.Brackets);
            Assert.Equal(spec, decoded with { Brackets = spec.Brackets });
        }
        var changedBracket = CodecSamples.Spec() with { Brackets = [.. CodecSamples.Spec().Brackets.Take(2), new MaintenanceBracket(1, 2, 3, 4, 5)] };
        Assert.Equal(new MaintenanceBracket(1, 2, 3, 4, 5),
            RoundTrip(SubmitOrderCodec.Instance, CodecSamples.SubmitOrder() with { Spec = changedBracket }).Spec.Brackets[2]);
    }

    [Fact]
    public void Book_commands()
    {
        Assert.Equal(CodecSamples.BookPlace(), RoundTrip(BookPlaceCodec.Instance, CodecSamples.BookPlace()));
        Assert.Equal(CodecSamples.BookCancel(), RoundTrip(BookCancelCodec.Instance, CodecSamples.BookCancel()));
        Assert.Equal(new BookCancel(0, 0), RoundTrip(BookCancelCodec.Instance, new BookCancel(0, 0)));
        Assert.Equal(CodecSamples.BookAmend(), RoundTrip(BookAmendCodec.Instance, CodecSamples.BookAmend()));
    }

    [Fact]
    public void Book_events_and_the_messages_that_carry_them()
    {
        Assert.Equal(CodecSamples.Trade(1), RoundTrip(BookEventCodec.Instance, CodecSamples.Trade(1)));
        Assert.Equal(CodecSamples.Trade(2), RoundTrip(BookEventCodec.Instance, CodecSamples.Trade(2)));

        var match = CodecSamples.MatchResult();
        var decodedMatch = RoundTrip(MatchResultCodec.Instance, match);
        Assert.Equal(match.Events, decodedMatch.Events);
        Assert.Equal(match, decodedMatch with { Events = match.Events });

        var user = CodecSamples.UserBookEvents();
        var decodedUser = RoundTrip(UserBookEventsCodec.Instance, user);
        Assert.Equal(user.Events, decodedUser.Events);
        Assert.Equal(user, decodedUser with { Events = user.Events });

        var result = CodecSamples.OrderResult();
        var decodedResult = RoundTrip(OrderResultCodec.Instance, result);
        Assert.Equal(result.Events, decodedResult.Events);
        Assert.Equal(result, decodedResult with { Events = result.Events });

        Assert.Empty(RoundTrip(MatchResultCodec.Instance, new MatchResult("X", [])).Events);
        Assert.Equal(CodecSamples.MarkPriceUpdate(), RoundTrip(MarkPriceUpdateCodec.Instance, CodecSamples.MarkPriceUpdate()));
    }

    [Fact]
    public void User_update_with_its_orders_trades_position_and_balances()
    {
        var update = CodecSamples.UserUpdate();
        var decoded = RoundTrip(UserUpdateCodec.Instance, update);
        Assert.Equal(update.Orders, decoded.Orders);
        Assert.Equal(update.Trades, decoded.Trades);
        Assert.Equal(update.Balances, decoded.Balances);
        Assert.Equal(update.Position, decoded.Position);
        Assert.Equal(update, decoded with { Orders = update.Orders, Trades = update.Trades, Balances = update.Balances });

        var empty = new UserUpdate(-1, null, long.MinValue, [], [], null, []);
        var decodedEmpty = RoundTrip(UserUpdateCodec.Instance, empty);
        Assert.Null(decodedEmpty.Position);
        Assert.Null(decodedEmpty.Symbol);
        Assert.Empty(decodedEmpty.Orders);
        Assert.Empty(decodedEmpty.Trades);
        Assert.Empty(decodedEmpty.Balances);
        Assert.Equal(empty, decodedEmpty with { Orders = empty.Orders, Trades = empty.Trades, Balances = empty.Balances });
        Assert.Null(RoundTrip(UserUpdateCodec.Instance, empty with { Orders = null! }).Orders);
    }

    [Fact]
    public void Account_views_on_their_own()
    {
        Assert.Equal(CodecSamples.OrderView(1), RoundTrip(OrderViewCodec.Instance, CodecSamples.OrderView(1)));
        Assert.Equal(CodecSamples.OrderView(2), RoundTrip(OrderViewCodec.Instance, CodecSamples.OrderView(2)));
        Assert.Equal(CodecSamples.TradeView(3), RoundTrip(TradeViewCodec.Instance, CodecSamples.TradeView(3)));
        Assert.Equal(CodecSamples.PositionView(), RoundTrip(PositionViewCodec.Instance, CodecSamples.PositionView()));
        Assert.Equal(CodecSamples.BalanceView("USDT"), RoundTrip(BalanceViewCodec.Instance, CodecSamples.BalanceView("USDT")));
    }

    [Fact]
    public void Every_sample_also_round_trips_through_a_registry_as_a_binary_payload()
    {
        var registry = ExchangeCodecs.Registry();
        foreach (var sample in CodecSamples.All())
        {
            var payload = registry.Serialize(sample);
            Assert.Equal(MessageTypeRegistry.BinaryMarker, payload[0]);
            Assert.Equal(ExchangeCodecs.Json(sample), ExchangeCodecs.Json(registry.Deserialize(sample.GetType().Name, payload)));
        }
    }

    private static T RoundTrip<T>(MessageCodec<T> codec, T message) where T : class
    {
        using var writer = new MessageWriter();
        codec.Write(writer, message);
        var reader = new MessageReader(writer.WrittenSpan);
        var decoded = codec.Read(ref reader);
        reader.EnsureEnd();
        Assert.NotSame(message, decoded);
        return decoded;
    }
}
