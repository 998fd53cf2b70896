using System.Buffers.Binary;
using System.Text;
using Trading.Runtime.Storage.ClickHouse;

namespace Trading.Tests.Runtime.Storage;

/// <summary>The RowBinary encoder, byte for byte: what ClickHouse reads for each column type.</summary>
public sealed class RowBinaryRowsTests
{
    private static readonly ClickHouseTable Table = new("t",
    [
        new("s", "String"), new("time", "DateTime"), new("i64", "Int64"), new("u64", "UInt64"), new("i32", "Int32"), new("flag", "UInt8"),
    ], "Memory");

    [Fact]
    public void A_row_is_its_fields_in_column_order_little_endian_with_a_length_prefixed_string()
    {
        using var rows = new RowBinaryRows(Table);
        rows.String("AB");
        rows.DateTime(1_795_000_000);
        rows.Int64(-2);
        rows.UInt64(ulong.MaxValue);
        rows.Int32(0x01020304);
        rows.Flag(true);
        rows.EndRow();

        byte[] expected =
        [
            2, (byte)'A', (byte)'B',
            .. LittleEndian(4, 1_795_000_000),
            0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            4, 3, 2, 1,
            1,
        ];
        Assert.Equal(expected, rows.Body.ToArray());
        Assert.Equal(1, rows.Count);
    }

    [Theory]
    [InlineData(0, new byte[] { 0 })]
    [InlineData(1, new byte[] { 1 })]
    [InlineData(127, new byte[] { 0x7F })]
    [InlineData(128, new byte[] { 0x80, 0x01 })]
    [InlineData(300, new byte[] { 0xAC, 0x02 })]
    [InlineData(16_383, new byte[] { 0xFF, 0x7F })]
    [InlineData(16_384, new byte[] { 0x80, 0x80, 0x01 })]
    [InlineData(100_000, new byte[] { 0xA0, 0x8D, 0x06 })]
    public void String_lengths_are_LEB128_varints(int length, byte[] prefix)
    {
        using var rows = new RowBinaryRows(new ClickHouseTable("t", [new("s", "String")], "Memory"), initialBytes: 16);
        var value = new string('x', length);
        rows.String(value);
        rows.EndRow();
        Assert.Equal([.. prefix, .. Encoding.ASCII.GetBytes(value)], rows.Body.ToArray());
    }

    [Theory]
    [InlineData("tab\there")]
    [InlineData("line\nbreak\r\n")]
    [InlineData("back\\slash and 'quotes' \"double\"")]
    [InlineData("nul\0byte")]
    [InlineData("€ünïcødé 日本 🚀")]
    [InlineData("")]
    public void Strings_travel_unescaped_as_UTF8_after_their_byte_length(string value)
    {
        using var rows = new RowBinaryRows(new ClickHouseTable("t", [new("a", "String"), new("b", "String")], "Memory"));
        rows.String(value);
        rows.String(Encoding.UTF8.GetBytes(value));
        rows.EndRow();
        var utf8 = Encoding.UTF8.GetBytes(value);
        Assert.True(utf8.Length < 128);
        byte[] one = [(byte)utf8.Length, .. utf8];
        Assert.Equal([.. one, .. one], rows.Body.ToArray());
    }

    [Theory]
    [InlineData(0L, 0u)]
    [InlineData(1_795_000_000L, 1_795_000_000u)]
    [InlineData(-1L, 0u)]
    [InlineData(long.MinValue, 0u)]
    [InlineData(4_294_967_295L, uint.MaxValue)]
    [InlineData(4_294_967_296L, uint.MaxValue)]
    public void DateTime_is_UInt32_epoch_seconds_clamped_to_the_type_range(long seconds, uint stored)
    {
        using var rows = new RowBinaryRows(new ClickHouseTable("t", [new("time", "DateTime")], "Memory"));
        rows.DateTime(seconds);
        rows.EndRow();
        Assert.Equal(stored, BinaryPrimitives.ReadUInt32LittleEndian(rows.Body.Span));
    }

    [Fact]
    public void Extreme_integers_keep_every_bit()
    {
        var table = new ClickHouseTable("t", [new("a", "Int64"), new("b", "Int64"), new("c", "Int32"), new("d", "Int32"), new("e", "UInt8")], "Memory");
        using var rows = new RowBinaryRows(table);
        rows.Int64(long.MinValue);
        rows.Int64(long.MaxValue);
        rows.Int32(int.MinValue);
        rows.Int32(-1);
        rows.UInt8(255);
        rows.EndRow();
        var body = rows.Body.Span;
        Assert.Equal(long.MinValue, BinaryPrimitives.ReadInt64LittleEndian(body));
        Assert.Equal(long.MaxValue, BinaryPrimitives.ReadInt64LittleEndian(body[8..]));
        Assert.Equal(int.MinValue, BinaryPrimitives.ReadInt32LittleEndian(body[16..]));
        Assert.Equal(-1, BinaryPrimitives.ReadInt32LittleEndian(body[20..]));
        Assert.Equal(255, body[24]);
        Assert.Equal(25, body.Length);
    }

    [Fact]
    public void A_field_of_the_wrong_type_or_count_is_refused()
    {
        using var rows = new RowBinaryRows(Table);
        Assert.Contains("Column s of t is String, written as Int64", Assert.Throws<InvalidOperationException>(() => rows.Int64(1)).Message);
        rows.Clear();
        rows.String("a");
        Assert.Throws<InvalidOperationException>(() => rows.EndRow());
        Assert.Throws<InvalidOperationException>(() => rows.Body);

        rows.Clear();
        rows.String("a");
        rows.DateTime(1);
        rows.Int64(1);
        rows.UInt64(1);
        rows.Int32(1);
        rows.UInt8(1);
        Assert.Contains("more than 6 fields", Assert.Throws<InvalidOperationException>(() => rows.String("extra")).Message);
        Assert.Throws<NotSupportedException>(() => new RowBinaryRows(new ClickHouseTable("t", [new("d", "Decimal64(8)")], "Memory")));
    }

    [Fact]
    public void The_buffer_grows_across_many_rows_and_is_reused_after_Clear()
    {
        using var rows = new RowBinaryRows(Table, initialBytes: 16);
        for (var i = 0; i < 10_000; i++) WriteRow(rows, i);
        var body = rows.Body.ToArray();
        Assert.Equal(10_000, rows.Count);
        const int rowBytes = 1 + 3 + 4 + 8 + 8 + 4 + 1; // "row" with its length, DateTime, Int64, UInt64, Int32, UInt8
        Assert.Equal(10_000 * rowBytes, body.Length);
        Assert.Equal(9_999, BinaryPrimitives.ReadInt64LittleEndian(body.AsSpan(9_999 * rowBytes + 1 + 3 + 4)));

        rows.Clear();
        Assert.Equal(0, rows.Count);
        Assert.Equal(0, rows.Body.Length);
        WriteRow(rows, 7);
        Assert.Equal(body.AsSpan(7 * rowBytes, rowBytes).ToArray(), rows.Body.ToArray());
    }

    private static void WriteRow(RowBinaryRows rows, int i)
    {
        rows.String("row");
        rows.DateTime(i);
        rows.Int64(i);
        rows.UInt64((ulong)i);
        rows.Int32(i);
        rows.Flag(i % 2 == 0);
        rows.EndRow();
    }

    private static byte[] LittleEndian(int bytes, long value)
    {
        var result = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(result, value);
        return result[..bytes];
    }
}
