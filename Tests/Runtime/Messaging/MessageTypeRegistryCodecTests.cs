using System.Buffers;
using System.Text.Json;
using Trading.Runtime.Messaging;

namespace Trading.Tests.Runtime.Messaging;

/// <summary>
/// How <see cref="MessageTypeRegistry"/> chooses between a type's codec and JSON: a marker byte in front of binary
/// payloads, JSON for everything else and for payloads written before the type had a codec.
/// </summary>
public sealed class MessageTypeRegistryCodecTests
{
    public sealed record Ping(long Id, string? Note);

    public sealed record Plain(int Value);

    private sealed class PingCodec : MessageCodec<Ping>
    {
        public static PingCodec Instance { get; } = new();

        protected override void WriteBody(MessageWriter writer, Ping message)
        {
            writer.WriteInt64(message.Id);
            writer.WriteString(message.Note);
        }

        protected override Ping ReadBody(ref MessageReader reader) => new(reader.ReadInt64(), reader.ReadString());
    }

    private static MessageTypeRegistry Registry() => new MessageTypeRegistry().Register(PingCodec.Instance).Register<Plain>();

    [Fact]
    public void A_type_with_a_codec_is_written_as_the_marker_the_version_and_the_codec_bytes()
    {
        var payload = Registry().Serialize(new Ping(-2, "hi"));
        Assert.Equal(new byte[] { MessageTypeRegistry.BinaryMarker, 1, 3, 3, (byte)'h', (byte)'i' }, payload);
        Assert.Equal(new Ping(-2, "hi"), Registry().Deserialize("Ping", payload));
    }

    [Fact]
    public void A_type_without_a_codec_is_still_json()
    {
        var registry = Registry();
        var payload = registry.Serialize(new Plain(7));
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(new Plain(7), MessageTypeRegistry.JsonOptions), payload);
        Assert.Equal((byte)'{', payload[0]);
        Assert.Equal(new Plain(7), registry.Deserialize("Plain", payload));
        Assert.False(registry.WritesBinary(typeof(Plain)));
        Assert.True(registry.WritesBinary(typeof(Ping)));
    }

    [Fact]
    public void A_json_payload_of_a_type_that_now_has_a_codec_still_reads()
    {
        var json = """{"id":9223372036854775807,"note":null}"""u8.ToArray();
        Assert.Equal(new Ping(long.MaxValue, null), Registry().Deserialize("Ping", json));
    }

    [Fact]
    public void A_binary_payload_of_a_type_without_a_codec_is_a_format_exception()
    {
        var binary = Registry().Serialize(new Ping(1, null));
        var other = new MessageTypeRegistry().Register<Ping>();
        Assert.Contains("no codec", Assert.Throws<FormatException>(() => other.Deserialize("Ping", binary)).Message);
        Assert.Throws<FormatException>(() => Registry().Deserialize("Plain", new byte[] { 0, 1 }));
    }

    [Fact]
    public void Unknown_versions_trailing_bytes_and_truncations_are_format_exceptions()
    {
        var registry = Registry();
        var payload = registry.Serialize(new Ping(300, "note"));
        var wrongVersion = (byte[])payload.Clone();
        wrongVersion[1] = 2;
        Assert.Contains("version 2", Assert.Throws<FormatException>(() => registry.Deserialize("Ping", wrongVersion)).Message);
        Assert.Throws<FormatException>(() => registry.Deserialize("Ping", [.. payload, 0]));
        for (var length = 0; length < payload.Length; length++)
            Assert.Throws<FormatException>(() => registry.Deserialize("Ping", payload[..length]));
    }

    [Fact]
    public void Serializing_into_a_buffer_writer_gives_the_same_bytes()
    {
        var registry = Registry();
        var buffer = new ArrayBufferWriter<byte>();
        registry.Serialize(new Ping(5, "x"), buffer);
        registry.Serialize(new Plain(3), buffer);
        var expected = registry.Serialize(new Ping(5, "x")).Concat(registry.Serialize(new Plain(3))).ToArray();
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());

        using var direct = new MessageWriter();
        registry.Serialize(new Ping(5, "x"), direct);
        Assert.Equal(registry.Serialize(new Ping(5, "x")), direct.ToArray());
    }

    [Fact]
    public void A_read_only_codec_reads_binary_but_writes_json()
    {
        var registry = new MessageTypeRegistry().RegisterReadOnlyCodec(PingCodec.Instance);
        var payload = registry.Serialize(new Ping(1, "a"));
        Assert.Equal((byte)'{', payload[0]);
        Assert.Equal(new Ping(1, "a"), registry.Deserialize("Ping", Registry().Serialize(new Ping(1, "a"))));
        Assert.Equal(new Ping(1, "a"), registry.Deserialize("Ping", payload));
    }

    [Fact]
    public void Write_with_encodes_an_output_type_without_making_its_name_resolvable()
    {
        var registry = new MessageTypeRegistry().WriteWith(PingCodec.Instance);
        Assert.Equal(MessageTypeRegistry.BinaryMarker, registry.Serialize(new Ping(1, null))[0]);
        Assert.False(registry.TryResolve("Ping", out _));
        Assert.False(registry.TryNameOf(typeof(Ping), out _));
    }

    [Fact]
    public void A_codec_must_be_registered_for_its_own_type()
    {
        Assert.Throws<ArgumentException>(() => new MessageTypeRegistry().Register(typeof(Plain), null, PingCodec.Instance));
    }
}
