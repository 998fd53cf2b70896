using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Trading.Runtime.Storage.ClickHouse;

/// <summary>
/// The body of an <c>INSERT INTO table (columns) FORMAT RowBinary</c>, written straight into one pooled buffer that is
/// reused from batch to batch. Each row is its fields in the column order of <see cref="Table"/>: integers
/// little-endian at their width, DateTime as UInt32 epoch seconds, String as its UTF-8 length (LEB128) and bytes.
/// Strings need no escaping: tabs, newlines, quotes and backslashes travel as they are. Every field is checked
/// against its column's type, so a row that does not match the table fails here, not as garbage in ClickHouse.
/// Not thread-safe.
/// </summary>
public sealed class RowBinaryRows : IDisposable
{
    private const int MaxVarIntBytes = 5; // lengths are int: 32 bits in 7-bit groups

    private readonly ClickHouseColumnKind[] _kinds;
    private byte[] _buffer;
    private int _length;
    private int _field;

    public RowBinaryRows(ClickHouseTable table, int initialBytes = 1 << 16)
    {
        Table = table;
        _kinds = new ClickHouseColumnKind[table.Columns.Count];
        for (var i = 0; i < _kinds.Length; i++) _kinds[i] = ClickHouseColumnKinds.Of(table.Columns[i]);
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialBytes, 256));
    }

    /// <summary>The table whose columns, in order, each row holds.</summary>
    public ClickHouseTable Table { get; }

    /// <summary>Complete rows written since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    /// <summary>The complete rows (a row being written is not part of it).</summary>
    public ReadOnlyMemory<byte> Body => _buffer.AsMemory(0, _field == 0 ? _length : throw new InvalidOperationException(
        $"Row {Count} of {Table.Name} is incomplete: {_field} of {_kinds.Length} fields written."));

    public void String(string value)
    {
        Next(ClickHouseColumnKind.String);
        var bytes = Encoding.UTF8.GetByteCount(value);
        var span = Reserve(MaxVarIntBytes + bytes);
        var n = WriteVarInt(span, (uint)bytes);
        Encoding.UTF8.GetBytes(value, span[n..]);
        _length += n + bytes;
    }

    /// <summary>A String column from bytes that are already UTF-8.</summary>
    public void String(ReadOnlySpan<byte> utf8)
    {
        Next(ClickHouseColumnKind.String);
        var span = Reserve(MaxVarIntBytes + utf8.Length);
        var n = WriteVarInt(span, (uint)utf8.Length);
        utf8.CopyTo(span[n..]);
        _length += n + utf8.Length;
    }

    /// <summary>A DateTime column from epoch seconds, clamped to the type's range (1970-01-01 to 2106-02-07 UTC).</summary>
    public void DateTime(long epochSeconds)
    {
        Next(ClickHouseColumnKind.DateTime);
        var seconds = (uint)Math.Clamp(epochSeconds, 0, uint.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), seconds);
        _length += 4;
    }

    public void Int64(long value)
    {
        Next(ClickHouseColumnKind.Int64);
        BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);
        _length += 8;
    }

    public void UInt64(ulong value)
    {
        Next(ClickHouseColumnKind.UInt64);
        BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);
        _length += 8;
    }

    public void Int32(int value)
    {
        Next(ClickHouseColumnKind.Int32);
        BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);
        _length += 4;
    }

    public void UInt8(byte value)
    {
        Next(ClickHouseColumnKind.UInt8);
        Reserve(1)[0] = value;
        _length += 1;
    }

    /// <summary>A flag as a UInt8 column: 1 or 0.</summary>
    public void Flag(bool value) => UInt8(value ? (byte)1 : (byte)0);

    /// <summary>Ends a row; every column must have been written.</summary>
    public void EndRow()
    {
        if (_field != _kinds.Length)
            throw new InvalidOperationException($"Row {Count} of {Table.Name} has {_field} of {_kinds.Length} fields.");
        _field = 0;
        Count++;
    }

    /// <summary>Forgets the rows, keeping the buffer for the next batch.</summary>
    public void Clear()
    {
        _length = 0;
        _field = 0;
        Count = 0;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    private void Next(ClickHouseColumnKind kind)
    {
        if (_field == _kinds.Length)
            throw new InvalidOperationException($"Row {Count} of {Table.Name} has more than {_kinds.Length} fields; call EndRow.");
        if (_kinds[_field] != kind)
            throw new InvalidOperationException(
                $"Column {Table.Columns[_field].Name} of {Table.Name} is {Table.Columns[_field].Type}, written as {kind}.");
        _field++;
    }

    private Span<byte> Reserve(int bytes)
    {
        if (_buffer.Length - _length < bytes)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes));
            _buffer.AsSpan(0, _length).CopyTo(grown);
            if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = grown;
        }
        return _buffer.AsSpan(_length);
    }

    private static int WriteVarInt(Span<byte> span, uint value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        return i;
    }
}
