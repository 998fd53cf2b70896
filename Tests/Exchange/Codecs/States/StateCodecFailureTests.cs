using Trading.Grains.Exchange;
using Trading.Grains.Symbols.Codecs;
using Trading.Runtime.Grains;
using Trading.Runtime.Messaging;
using Trading.Tests.Margin;
using static Trading.Tests.Exchange.Codecs.States.StateCodecs;

namespace Trading.Tests.Exchange.Codecs.States;

/// <summary>
/// Bad binary checkpoint states (cut short, of an unknown layout version, corrupted, with bytes left over, keys out of
/// order, or binary where no codec is known) end in a <see cref="FormatException"/>, as a JSON state that does not parse
/// does, and never in another exception.
/// </summary>
public sealed class StateCodecFailureTests
{
    public static TheoryData<string> Samples => new() { "position:1001", "position:1002", "position:1003", "book:BTCUSDT", "book:ETHUSDT" };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_truncation_is_a_format_exception(string sample)
    {
        var (bytes, decode) = Sample(sample);
        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes[..length];
            Assert.Throws<FormatException>(() => decode(prefix));
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void An_unknown_layout_version_is_a_format_exception(string sample)
    {
        var (bytes, decode) = Sample(sample);
        Assert.Equal(1, bytes[1]);
        foreach (var version in new byte[] { 0, 2, 255 })
        {
            bytes[1] = version;
            Assert.Contains($"version {version}", Assert.Throws<FormatException>(() => decode(bytes)).Message);
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Corrupted_states_decode_or_fail_with_a_format_exception_only(string sample)
    {
        var (bytes, decode) = Sample(sample);
        var random = new Random(sample.Length * 31 + bytes.Length);
        for (var i = 0; i < 2_000; i++)
        {
            var corrupt = (byte[])bytes.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--) corrupt[random.Next(1, corrupt.Length)] = (byte)random.Next(256);
            try
            {
                decode(corrupt);
            }
            catch (FormatException)
            {
            }
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Bytes_after_the_state_are_a_format_exception(string sample)
    {
        var (bytes, decode) = Sample(sample);
        Assert.Throws<FormatException>(() => decode([.. bytes, 0]));
    }

    [Fact]
    public void A_binary_state_read_without_its_codec_is_a_format_exception()
    {
        var bytes = Encode(Scenario().Positions[Trading.Tests.Snapshots.SnapshotScenarios.Trader], Positions);
        Assert.Throws<FormatException>(() => GrainStateFormat.Deserialize<PositionGrainState>(bytes, null));
    }

    [Fact]
    public void Spec_keys_out_of_order_or_repeated_are_a_format_exception()
    {
        foreach (var keys in new[] { new[] { "ETHUSDT", "BTCUSDT" }, ["BTCUSDT", "BTCUSDT"] })
        {
            using var w = new MessageWriter();
            w.WriteByte(GrainStateFormat.BinaryMarker);
            w.WriteByte(1);
            w.WriteBool(false); // no account
            w.WriteLength(keys.Length);
            foreach (var key in keys)
            {
                w.WriteString(key);
                SymbolSpecCodec.Instance.Write(w, TestSpecs.Btc);
            }
            for (var list = 0; list < 3; list++) w.WriteLength(0);
            Assert.Contains("out of order", Assert.Throws<FormatException>(() => GrainStateFormat.Deserialize(w.ToArray(), Positions)).Message);
        }
    }

    [Fact]
    public void Holdings_out_of_order_or_repeated_are_a_format_exception()
    {
        foreach (var steps in new[] { new long[] { 5, -1 }, [5, 0] })
        {
            using var w = new MessageWriter();
            w.WriteByte(GrainStateFormat.BinaryMarker);
            w.WriteByte(1);
            w.WriteBool(false); // no spec
            w.WriteBool(false); // no book
            w.WriteLength(steps.Length);
            foreach (var step in steps)
            {
                w.WriteInt64(step);
                w.WriteInt64(1);
            }
            Assert.Contains("out of order", Assert.Throws<FormatException>(() => GrainStateFormat.Deserialize(w.ToArray(), Books)).Message);
        }
    }

    [Fact]
    public void Json_that_does_not_parse_is_a_format_exception()
    {
        Assert.Throws<FormatException>(() => GrainStateFormat.Deserialize("{\"openOrders\":[{"u8, Positions));
        Assert.Throws<FormatException>(() => GrainStateFormat.Deserialize("{\"holdings\":7}"u8, Books));
    }

    private static (byte[] Bytes, Action<byte[]> Decode) Sample(string sample)
    {
        var (books, positions) = Scenario();
        var key = sample[(sample.IndexOf(':') + 1)..];
        return sample.StartsWith("book:", StringComparison.Ordinal)
            ? (Encode(books[key], Books), b => GrainStateFormat.Deserialize(b, Books))
            : (Encode(positions[long.Parse(key, System.Globalization.CultureInfo.InvariantCulture)], Positions), b => GrainStateFormat.Deserialize(b, Positions));
    }
}
