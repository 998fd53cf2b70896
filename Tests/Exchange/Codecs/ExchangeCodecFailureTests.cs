using Trading.Grains.Interfaces.Exchange;
using Trading.Runtime.Messaging;

namespace Trading.Tests.Exchange.Codecs;

/// <summary>
/// Bad binary payloads of the codec types (cut short, of an unknown layout version, or corrupted) end in a
/// <see cref="FormatException"/> from the registry, like a JSON payload that does not parse, and never in another exception.
/// </summary>
public sealed class ExchangeCodecFailureTests
{
    public static TheoryData<int> Samples()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < CodecSamples.All().Count; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_truncation_is_a_format_exception(int sample)
    {
        var message = CodecSamples.All()[sample];
        var registry = ExchangeCodecs.Registry();
        var payload = registry.Serialize(message);
        for (var length = 0; length < payload.Length; length++)
        {
            var prefix = payload[..length];
            Assert.Throws<FormatException>(() => registry.Deserialize(message.GetType().Name, prefix));
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void An_unknown_codec_version_is_a_format_exception(int sample)
    {
        var message = CodecSamples.All()[sample];
        var registry = ExchangeCodecs.Registry();
        var payload = registry.Serialize(message);
        Assert.Equal(1, payload[1]);
        foreach (var version in new byte[] { 0, 2, 255 })
        {
            payload[1] = version;
            var error = Assert.Throws<FormatException>(() => registry.Deserialize(message.GetType().Name, payload));
            Assert.Contains($"version {version}", error.Message);
        }
    }

    [Fact]
    public void An_unknown_version_of_a_nested_value_is_a_format_exception()
    {
        var registry = ExchangeCodecs.Registry();
        using var events = new MessageWriter();
        events.WriteByte(MessageTypeRegistry.BinaryMarker);
        events.WriteByte(1); // UserBookEvents, version 1
        events.WriteString("BTCUSDT");
        events.WriteInt64(7);
        events.WriteLength(1);
        events.WriteByte(2); // a BookEvent of version 2
        events.WriteRaw(new byte[64]);
        Assert.Contains("BookEvent codec version 2",
            Assert.Throws<FormatException>(() => registry.Deserialize(nameof(UserBookEvents), events.ToArray())).Message);

        var order = CodecSamples.SubmitOrder() with { OrderId = 5 };
        var payload = registry.Serialize(order);
        Assert.Equal(1, payload[4]); // marker, version, order id 5 (one byte), spec present, spec version
        payload[4] = 9;
        Assert.Contains("SymbolSpec codec version 9", Assert.Throws<FormatException>(() => registry.Deserialize(nameof(SubmitOrder), payload)).Message);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Corrupted_payloads_decode_or_fail_with_a_format_exception_only(int sample)
    {
        var message = CodecSamples.All()[sample];
        var registry = ExchangeCodecs.Registry();
        var payload = registry.Serialize(message);
        var random = new Random(sample + 1);
        for (var i = 0; i < 2_000; i++)
        {
            var corrupt = (byte[])payload.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
                corrupt[random.Next(1, corrupt.Length)] = (byte)random.Next(256);
            if (random.Next(4) == 0) corrupt = [.. corrupt, .. Garbage(random)];
            try
            {
                registry.Deserialize(message.GetType().Name, corrupt);
            }
            catch (FormatException)
            {
            }
        }
    }

    [Fact]
    public void A_binary_payload_for_a_registry_without_the_codec_is_a_format_exception()
    {
        var payload = ExchangeCodecs.Registry().Serialize(CodecSamples.BookPlace());
        var jsonOnly = new MessageTypeRegistry().Register<BookPlace>();
        Assert.Throws<FormatException>(() => jsonOnly.Deserialize(nameof(BookPlace), payload));
    }

    private static byte[] Garbage(Random random)
    {
        var bytes = new byte[random.Next(1, 20)];
        random.NextBytes(bytes);
        return bytes;
    }
}
