using System.Globalization;
using Trading.Runtime.Messaging;

namespace Trading.Tests.Runtime.Messaging;

/// <summary>
/// <see cref="MessageWriter"/> and <see cref="MessageReader"/>: every value comes back exactly, and truncated or
/// invalid bytes end in a <see cref="FormatException"/>, never in another exception.
/// </summary>
public sealed class MessageCodecPrimitiveTests
{
    private enum Wide : long { Low = long.MinValue, High = long.MaxValue }

    private enum Small : sbyte { Minus = -1, Plus = 1 }

    private static readonly long[] Longs = [0, 1, -1, 63, -64, 64, -65, 127, 128, 300, -300, int.MaxValue, int.MinValue, 1_795_000_000_123,
        long.MaxValue, long.MinValue, long.MaxValue - 1, long.MinValue + 1];

    private static readonly decimal[] Decimals = [0m, 0.10m, 0.1m, -0.10m, 1.00000000m, 0.00000001m, decimal.MaxValue, decimal.MinValue,
        -0.0000000000000000000000000001m, 79228162514264337593543950335m, 7.9228162514264337593543950335m, 12345678901234567890.123456789m,
        new decimal(0, 0, 0, true, 3)];

    private static readonly string?[] Strings = [null, "", "a", "BTCUSDT", "€uro \"quoted\" \\ \t\n", "\U0001F680 rocket", new string('x', 42),
        new string('€', 42), new string('y', 43), new string('z', 5_000), "\0nul"];

    [Fact]
    public void Longs_ints_bools_and_enums_round_trip_exactly()
    {
        using var w = new MessageWriter(16);
        foreach (var v in Longs) w.WriteInt64(v);
        foreach (var v in Longs) w.WriteVarUInt64((ulong)v);
        foreach (var v in new[] { 0, 1, -1, int.MinValue, int.MaxValue }) w.WriteInt32(v);
        w.WriteBool(true);
        w.WriteBool(false);
        w.WriteEnum(DayOfWeek.Saturday);
        w.WriteEnum(Wide.Low);
        w.WriteEnum(Wide.High);
        w.WriteEnum(Small.Minus);
        w.WriteEnum((DayOfWeek)200);

        var r = new MessageReader(w.WrittenSpan);
        foreach (var v in Longs) Assert.Equal(v, r.ReadInt64());
        foreach (var v in Longs) Assert.Equal((ulong)v, r.ReadVarUInt64());
        foreach (var v in new[] { 0, 1, -1, int.MinValue, int.MaxValue }) Assert.Equal(v, r.ReadInt32());
        Assert.True(r.ReadBool());
        Assert.False(r.ReadBool());
        Assert.Equal(DayOfWeek.Saturday, r.ReadEnum<DayOfWeek>());
        Assert.Equal(Wide.Low, r.ReadEnum<Wide>());
        Assert.Equal(Wide.High, r.ReadEnum<Wide>());
        Assert.Equal(Small.Minus, r.ReadEnum<Small>());
        Assert.Equal((DayOfWeek)200, r.ReadEnum<DayOfWeek>());
        r.EnsureEnd();
    }

    [Fact]
    public void Small_values_of_either_sign_take_one_byte_and_the_extremes_ten()
    {
        Assert.Equal(1, Size(w => w.WriteInt64(0)));
        Assert.Equal(1, Size(w => w.WriteInt64(-64)));
        Assert.Equal(1, Size(w => w.WriteInt64(63)));
        Assert.Equal(2, Size(w => w.WriteInt64(64)));
        Assert.Equal(10, Size(w => w.WriteInt64(long.MinValue)));
        Assert.Equal(10, Size(w => w.WriteInt64(long.MaxValue)));
        Assert.Equal(1, Size(w => w.WriteString(null)));
        Assert.Equal(8, Size(w => w.WriteString("BTCUSDT")));
        Assert.Equal(3, Size(w => w.WriteDecimal(0.10m)));
    }

    [Fact]
    public void Decimals_keep_their_scale_sign_and_every_bit()
    {
        using var w = new MessageWriter();
        foreach (var d in Decimals) w.WriteDecimal(d);
        var r = new MessageReader(w.WrittenSpan);
        foreach (var d in Decimals)
        {
            var read = r.ReadDecimal();
            Assert.Equal(decimal.GetBits(d), decimal.GetBits(read));
            Assert.Equal(d.ToString(CultureInfo.InvariantCulture), read.ToString(CultureInfo.InvariantCulture));
        }
        r.EnsureEnd();
    }

    [Fact]
    public void Strings_and_bytes_round_trip_with_null_and_empty_kept_apart()
    {
        using var w = new MessageWriter(4);
        foreach (var s in Strings) w.WriteString(s);
        w.WriteBytes([], isNull: true);
        w.WriteBytes([]);
        w.WriteBytes([0, 1, 255]);
        w.WriteRaw([9, 8]);
        w.WriteLength(-1);
        w.WriteLength(0);
        w.WriteLength(0);

        var r = new MessageReader(w.WrittenSpan);
        foreach (var s in Strings) Assert.Equal(s, r.ReadString());
        Assert.Null(r.ReadBytes());
        Assert.Equal(Array.Empty<byte>(), r.ReadBytes());
        Assert.Equal(new byte[] { 0, 1, 255 }, r.ReadBytes());
        Assert.Equal(new byte[] { 9, 8 }, r.ReadRaw(2).ToArray());
        Assert.Equal(-1, r.ReadLength());
        Assert.Equal(0, r.ReadLength());
        Assert.Equal(0, r.ReadLength());
        r.EnsureEnd();
    }

    [Fact]
    public void Every_truncation_of_a_mixed_record_is_a_format_exception()
    {
        using var w = new MessageWriter();
        WriteMixed(w);
        var bytes = w.ToArray();
        ReadMixed(bytes); // the whole record reads
        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes[..length];
            Assert.Throws<FormatException>(() => ReadMixed(prefix));
        }
    }

    [Theory]
    [InlineData(new byte[] { 2 }, "bool")]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02 }, "varint")]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 }, "varint")]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x10 }, "int")]
    [InlineData(new byte[] { 0x80, 0x02 }, "enum")]
    [InlineData(new byte[] { 29, 1, 0 }, "decimal")]
    [InlineData(new byte[] { 0, 1, 0x80, 0x80, 0x80, 0x80, 0x10 }, "decimal")]
    [InlineData(new byte[] { 3, 0xC3, 0x28 }, "string")]
    [InlineData(new byte[] { 100, 1, 2 }, "string")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x07 }, "length")]
    public void Invalid_values_are_format_exceptions(byte[] bytes, string what)
    {
        Assert.Throws<FormatException>(() =>
        {
            var r = new MessageReader(bytes);
            switch (what)
            {
                case "bool": r.ReadBool(); break;
                case "varint": r.ReadVarUInt64(); break;
                case "int": r.ReadInt32(); break;
                case "enum": r.ReadEnum<Small>(); break;
                case "decimal": r.ReadDecimal(); break;
                case "string": r.ReadString(); break;
                case "length": r.ReadLength(); break;
            }
        });
    }

    [Fact]
    public void Left_over_bytes_are_a_format_exception()
    {
        var r = new MessageReader([1, 2]);
        r.ReadByte();
        try
        {
            r.EnsureEnd();
            Assert.Fail("Expected a FormatException.");
        }
        catch (FormatException) { }
    }

    [Fact]
    public void A_writer_grows_past_its_first_buffer_and_serves_as_a_buffer_writer()
    {
        using var w = new MessageWriter(16);
        for (var i = 0; i < 10_000; i++) w.WriteInt64(i * 7919L - 1_000_000);
        var span = w.GetSpan(3);
        span[0] = 1;
        span[1] = 2;
        span[2] = 3;
        w.Advance(3);
        var r = new MessageReader(w.WrittenSpan);
        for (var i = 0; i < 10_000; i++) Assert.Equal(i * 7919L - 1_000_000, r.ReadInt64());
        Assert.Equal(new byte[] { 1, 2, 3 }, r.ReadRaw(3).ToArray());
        r.EnsureEnd();
        Assert.Throws<ArgumentOutOfRangeException>(() => w.Advance(1_000_000));
    }

    [Fact]
    public void Try_skip_advances_only_over_exactly_the_expected_bytes()
    {
        var r = new MessageReader([1, 2, 3, 4]);
        Assert.False(r.TrySkip([1, 3]));
        Assert.Equal(0, r.Position);
        Assert.True(r.TrySkip([1, 2]));
        Assert.Equal(new byte[] { 1, 2 }, r.ReadSince(0).ToArray());
        Assert.False(r.TrySkip([3, 4, 5]));
        Assert.True(r.TrySkip([3, 4]));
        Assert.Equal(new byte[] { 3, 4 }, r.ReadSince(2).ToArray());
        r.EnsureEnd();
    }

    [Fact]
    public void A_rented_writer_comes_back_empty()
    {
        var first = MessageWriter.Rent();
        first.WriteInt64(42);
        MessageWriter.Return(first);
        var second = MessageWriter.Rent();
        Assert.Equal(0, second.WrittenCount);
        MessageWriter.Return(second);
    }

    [Fact]
    public void A_writer_rented_while_another_is_out_is_kept_and_the_other_given_back_to_the_pool()
    {
        var outer = MessageWriter.Rent();
        var inner = MessageWriter.Rent(); // e.g. a journal record encoded inside a turn that holds the thread's writer
        Assert.NotSame(outer, inner);
        inner.WriteInt64(7);
        MessageWriter.Return(inner);
        outer.WriteInt64(8);
        MessageWriter.Return(outer); // the thread keeps one already: this one's buffer goes back to the pool
        Assert.Equal(0, outer.WrittenCount);
        var next = MessageWriter.Rent();
        Assert.Same(inner, next);
        Assert.Equal(0, next.WrittenCount);
        MessageWriter.Return(next);
    }

    private static void WriteMixed(MessageWriter w)
    {
        w.WriteInt64(long.MinValue);
        w.WriteString("€ sign");
        w.WriteDecimal(-12.3400m);
        w.WriteBool(true);
        w.WriteEnum(DayOfWeek.Friday);
        w.WriteBytes([1, 2, 3]);
        w.WriteInt32(int.MaxValue);
        w.WriteString("");
    }

    private static void ReadMixed(byte[] bytes)
    {
        var r = new MessageReader(bytes);
        Assert.Equal(long.MinValue, r.ReadInt64());
        Assert.Equal("€ sign", r.ReadString());
        Assert.Equal(-12.3400m, r.ReadDecimal());
        Assert.True(r.ReadBool());
        Assert.Equal(DayOfWeek.Friday, r.ReadEnum<DayOfWeek>());
        Assert.Equal(new byte[] { 1, 2, 3 }, r.ReadBytes());
        Assert.Equal(int.MaxValue, r.ReadInt32());
        Assert.Equal("", r.ReadString());
        r.EnsureEnd();
    }

    private static int Size(Action<MessageWriter> write)
    {
        using var w = new MessageWriter();
        write(w);
        return w.WrittenCount;
    }
}
