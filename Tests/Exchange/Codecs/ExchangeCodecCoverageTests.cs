namespace Trading.Tests.Exchange.Codecs;

/// <summary>
/// Instances built by reflection with every property set (<see cref="EveryPropertySet"/>) serialize to the same JSON
/// after a trip through their codec: a property added to a message and forgotten by its codec fails here.
/// </summary>
public sealed class ExchangeCodecCoverageTests
{
    public static TheoryData<string> Types => ExchangeCodecs.TypeNames();

    [Fact]
    public void The_hot_messages_have_codecs_and_every_codec_has_a_sample()
    {
        var expected = new[]
        {
            "BalanceView", "BookAmend", "BookCancel", "BookEvent", "BookPlace", "MarkPriceUpdate", "MatchResult", "OrderResult", "OrderView",
            "PositionView", "SubmitOrder", "SymbolSpec", "TradeView", "UserBookEvents", "UserUpdate",
        };
        Assert.Equal(expected, ExchangeCodecs.All.Select(c => c.Type.Name).ToArray());
        Assert.Equal(expected, CodecSamples.All().Select(s => s.GetType().Name).Distinct().Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Every_property_set_by_reflection_survives_the_codec(string typeName)
    {
        var type = ExchangeCodecs.TypeNamed(typeName);
        var original = EveryPropertySet.NonDefault(type);
        Assert.Null(EveryPropertySet.FirstDefault(original, typeName)); // the generator reached every property
        var decoded = ExchangeCodecs.Decode(type, ExchangeCodecs.Encode(original));
        Assert.Equal(ExchangeCodecs.Json(original), ExchangeCodecs.Json(decoded));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Random_instances_with_defaults_extremes_and_nulls_survive_the_codec(string typeName)
    {
        var type = ExchangeCodecs.TypeNamed(typeName);
        var random = new Random(typeName.Length * 7_919 + 20_261_201);
        for (var i = 0; i < 300; i++)
        {
            var original = EveryPropertySet.Random(type, random);
            var decoded = ExchangeCodecs.Decode(type, ExchangeCodecs.Encode(original));
            Assert.Equal(ExchangeCodecs.Json(original), ExchangeCodecs.Json(decoded));
        }
    }
}
