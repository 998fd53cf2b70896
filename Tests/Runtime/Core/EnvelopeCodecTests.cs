using Trading.Runtime.Messaging;

namespace Trading.Tests.Runtime.Core;

public sealed class EnvelopeCodecTests
{
    [Fact]
    public void Round_trips_every_field_including_nulls_and_unicode()
    {
        var original = new MessageEnvelope(MessageKind.Reply, "OrderBook/BTCUSDT", 42L * MessageEnvelope.OutputsPerInput + 3,
            "OrderAccepted", "corr-1", null, 1_732_000_000_123, "{\"p\":\"€\"}"u8.ToArray());
        var decoded = EnvelopeCodec.Decode(EnvelopeCodec.Encode(original));

        Assert.Equal(original with { Payload = [] }, decoded with { Payload = [] });
        Assert.Equal(original.Payload, decoded.Payload);
        Assert.Equal("OrderBook/BTCUSDT@42#3", decoded.MessageId);
    }

    [Fact]
    public void Rejects_unknown_versions_and_truncated_input()
    {
        var bytes = EnvelopeCodec.Encode(new MessageEnvelope(MessageKind.Message, "s", 1, "T", null, null, 0, [1, 2, 3]));
        var wrongVersion = (byte[])bytes.Clone();
        wrongVersion[0] = 99;
        Assert.Contains("version 99", Assert.Throws<FormatException>(() => EnvelopeCodec.Decode(wrongVersion)).Message);
        Assert.Throws<FormatException>(() => EnvelopeCodec.Decode(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Throws<FormatException>(() => EnvelopeCodec.Decode(bytes.AsSpan(0, 5)));
        Assert.Throws<FormatException>(() => EnvelopeCodec.Decode("plain text"u8));
    }
}
