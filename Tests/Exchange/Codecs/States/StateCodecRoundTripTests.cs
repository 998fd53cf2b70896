using Trading.Grains.Exchange;
using Trading.Runtime.Grains;
using static Trading.Tests.Exchange.Codecs.States.StateCodecs;

namespace Trading.Tests.Exchange.Codecs.States;

/// <summary>
/// Position and OrderBook grain states survive their binary checkpoint codecs exactly: the real states of the shared
/// snapshot scenario, instances with every property set by reflection (a property added later and forgotten by the codec
/// fails here), random instances with defaults, extremes and nulls; and equal states give equal bytes.
/// </summary>
public sealed class StateCodecRoundTripTests
{
    public static TheoryData<string> StateTypes => new() { nameof(PositionGrainState), nameof(OrderBookGrainState) };

    [Fact]
    public void The_scenario_position_states_round_trip_exactly()
    {
        var (_, positions) = Scenario();
        // Every part of a position state appears in some account of the scenario.
        Assert.Contains(positions.Values, s => s.Account!.Positions.Count > 0 && s.Account.Balances.Count > 0 && s.Account.Orders.Count > 0);
        Assert.Contains(positions.Values, s => s.Account!.Locks.Count > 0);
        Assert.Contains(positions.Values, s => s.Account!.Reservations.Count > 0);
        Assert.Contains(positions.Values, s => s.OpenOrders.Count > 0 && s.ClosedOrders.Count > 0 && s.Trades.Count > 0 && s.Specs.Count > 1);
        foreach (var state in positions.Values)
        {
            var bytes = Encode(state, Positions);
            Assert.Equal([GrainStateFormat.BinaryMarker, 1], bytes[..2]);
            Assert.Equal(Canonical(state), Canonical(Decode(bytes, Positions)));
        }
    }

    [Fact]
    public void The_scenario_book_states_round_trip_exactly()
    {
        var (books, _) = Scenario();
        Assert.Contains(books.Values, s => s.Book!.Orders.Length > 1 && s.Book.BuyDepth.Length > 0 && s.Book.SellDepth.Length > 0
            && s.Book.ClientOrderIds.Length > 0 && s.Book.StatisticsBuckets.Length > 0 && s.Holdings.Count > 1);
        Assert.Contains(books.Values, s => s.Book!.StopOrders.Length > 0);
        foreach (var state in books.Values)
        {
            var bytes = Encode(state, Books);
            Assert.Equal([GrainStateFormat.BinaryMarker, 1], bytes[..2]);
            Assert.Equal(Canonical(state), Canonical(Decode(bytes, Books)));
        }
    }

    [Theory]
    [MemberData(nameof(StateTypes))]
    public void Every_property_set_by_reflection_survives_the_codec(string typeName)
    {
        var original = EveryPropertySet.NonDefault(TypeNamed(typeName));
        Assert.Null(EveryPropertySet.FirstDefault(original, typeName)); // the generator reached every property
        Assert.Equal(Canonical(original), Canonical(RoundTrip(original)));
    }

    [Theory]
    [MemberData(nameof(StateTypes))]
    public void Random_instances_with_defaults_extremes_and_nulls_survive_the_codec(string typeName)
    {
        var random = new Random(typeName.Length * 7_919 + 20_261_202);
        for (var i = 0; i < 300; i++)
        {
            var original = EveryPropertySet.Random(TypeNamed(typeName), random);
            Assert.Equal(Canonical(original), Canonical(RoundTrip(original)));
        }
    }

    [Fact]
    public void Equal_states_give_equal_bytes_whatever_order_their_dictionaries_were_filled_in()
    {
        var (books, positions) = Scenario();
        var position = positions[Trading.Tests.Snapshots.SnapshotScenarios.Maker];
        Assert.True(position.Specs.Count > 1);
        var reversed = new PositionGrainState
        {
            Account = position.Account, OpenOrders = position.OpenOrders, ClosedOrders = position.ClosedOrders, Trades = position.Trades,
        };
        foreach (var (symbol, spec) in position.Specs.Reverse()) reversed.Specs[symbol] = spec;
        Assert.NotEqual(position.Specs.Keys.First(), reversed.Specs.Keys.First());
        Assert.Equal(Encode(position, Positions), Encode(reversed, Positions));

        var book = books["BTCUSDT"];
        var holdings = new Dictionary<long, long>();
        foreach (var (user, lots) in book.Holdings.Reverse()) holdings[user] = lots;
        Assert.NotEqual(book.Holdings.Keys.First(), holdings.Keys.First());
        Assert.Equal(Encode(book, Books), Encode(new OrderBookGrainState { Spec = book.Spec, Book = book.Book, Holdings = holdings }, Books));
    }

    [Fact]
    public void Decoded_states_encode_to_the_same_bytes_and_keep_ordinal_spec_keys()
    {
        var (books, positions) = Scenario();
        foreach (var state in positions.Values)
        {
            var bytes = Encode(state, Positions);
            var decoded = Decode(bytes, Positions);
            Assert.Equal(bytes, Encode(decoded, Positions));
            Assert.Same(StringComparer.Ordinal, decoded.Specs.Comparer);
        }
        foreach (var state in books.Values)
        {
            var bytes = Encode(state, Books);
            Assert.Equal(bytes, Encode(Decode(bytes, Books), Books));
        }
    }

    private static Type TypeNamed(string name) => name == nameof(PositionGrainState) ? typeof(PositionGrainState) : typeof(OrderBookGrainState);

    private static object RoundTrip(object state) => state switch
    {
        PositionGrainState p => Decode(Encode(p, Positions), Positions),
        OrderBookGrainState b => Decode(Encode(b, Books), Books),
        _ => throw new ArgumentException(state.GetType().Name),
    };

}
