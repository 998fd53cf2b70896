using System.Text;
using Trading.Client.Api.Push.Protocol;
using Trading.Grains.MarketData;

namespace Trading.Tests.ReadSide.Push;

/// <summary>Every client message is validated; bad ones name the field at fault and never throw.</summary>
public sealed class ClientRequestReaderTests
{
    [Theory]
    [InlineData("""{"op":"subscribe","channel":"depth","symbol":"BTCUSDT"}""", ClientOp.Subscribe, PushChannel.Depth, "BTCUSDT")]
    [InlineData("""{"symbol":"ETHUSDT","channel":"trades","op":"unsubscribe"}""", ClientOp.Unsubscribe, PushChannel.Trades, "ETHUSDT")]
    [InlineData("""{"op":"subscribe","channel":"orders"}""", ClientOp.Subscribe, PushChannel.Orders, null)]
    [InlineData("""  {"op":"ping"}  """, ClientOp.Ping, PushChannel.Depth, null)]
    public void Valid_messages_parse(string json, ClientOp op, PushChannel channel, string? symbol)
    {
        Assert.True(ClientRequestReader.TryRead(Encoding.UTF8.GetBytes(json), out var request, out var error));
        Assert.Null(error);
        Assert.Equal(new ClientRequest(op, channel, symbol), request);
    }

    [Fact]
    public void A_kline_subscription_names_its_interval()
    {
        Assert.True(ClientRequestReader.TryRead("""{"op":"subscribe","channel":"kline","symbol":"BTCUSDT","interval":"15m"}"""u8, out var request, out _));
        Assert.Equal(new ClientRequest(ClientOp.Subscribe, PushChannel.Kline, "BTCUSDT", KlineInterval.FifteenMinutes), request);
        Assert.Equal(new Subscription(PushChannel.Kline, "BTCUSDT", KlineInterval.FifteenMinutes), request.Subscription);
    }

    [Theory]
    [InlineData("""{"op":"subscribe","channel":"kline","symbol":"BTCUSDT"}""", "interval")]
    [InlineData("""{"op":"subscribe","channel":"kline","symbol":"BTCUSDT","interval":"2m"}""", "interval")]
    [InlineData("""{"op":"subscribe","channel":"kline","symbol":"BTCUSDT","interval":"1M"}""", "interval")]
    [InlineData("""{"op":"subscribe","channel":"kline","symbol":"BTCUSDT","interval":60}""", "interval")]
    [InlineData("""{"op":"subscribe","channel":"kline","interval":"1m"}""", "symbol")]
    [InlineData("""{"op":"subscribe","channel":"depth","symbol":"BTCUSDT","interval":"1m"}""", "interval")]
    [InlineData("""{"op":"subscribe","channel":"orders","interval":"1m"}""", "interval")]
    public void Bad_kline_subscriptions_name_the_field(string json, string field)
    {
        Assert.False(ClientRequestReader.TryRead(Encoding.UTF8.GetBytes(json), out _, out var error));
        Assert.Equal(field, error!.Field);
    }

    [Theory]
    [InlineData("", "message")]
    [InlineData("not json", "message")]
    [InlineData("""{"op":"subscribe","channel":"depth","symbol":"BTCUSDT"}{}""", "message")]
    [InlineData("[1,2]", "message")]
    [InlineData("""{"op":"subscribe","channel":"depth","symbol":"BTCUSDT""", "message")]
    [InlineData("""{"op":"dance"}""", "op")]
    [InlineData("""{"channel":"depth","symbol":"BTCUSDT"}""", "op")]
    [InlineData("""{"op":7}""", "op")]
    [InlineData("""{"op":"subscribe","channel":"candles","symbol":"BTCUSDT"}""", "channel")]
    [InlineData("""{"op":"subscribe","symbol":"BTCUSDT"}""", "channel")]
    [InlineData("""{"op":"subscribe","channel":"depth"}""", "symbol")]
    [InlineData("""{"op":"subscribe","channel":"depth","symbol":""}""", "symbol")]
    [InlineData("""{"op":"subscribe","channel":"depth","symbol":"BTC USDT"}""", "symbol")]
    [InlineData("""{"op":"subscribe","channel":"depth","symbol":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""", "symbol")]
    [InlineData("""{"op":"subscribe","channel":"orders","symbol":"BTCUSDT"}""", "symbol")]
    [InlineData("""{"op":"subscribe","channel":"depth","symbol":{"a":1}}""", "symbol")]
    [InlineData("""{"op":"subscribe","channel":"depth","symbol":"BTCUSDT","levels":5}""", "levels")]
    public void Bad_messages_are_refused_with_the_field_at_fault(string json, string field)
    {
        Assert.False(ClientRequestReader.TryRead(Encoding.UTF8.GetBytes(json), out _, out var error));
        Assert.NotNull(error);
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
