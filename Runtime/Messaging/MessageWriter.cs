using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Trading.Runtime.Messaging;

/// <summary>
/// The growable buffer binary codecs write into, backed by <see cref="ArrayPool{T}"/>: integers as (zig-zag)
/// varints, so that small ids and quantities take one or two bytes; strings as UTF-8 with a length; decimals
/// exactly (sign, scale and the 96-bit magnitude, so 0.10 stays 0.10). <see cref="MessageReader"/> reads it back.
/// One writer serves one thread at a time; <see cref="Rent"/> hands out a per-thread instance so that
/// serializing allocates nothing but the resulting array.
/// </summary>
public sealed class MessageWriter : IBufferWriter<byte>, IDisposable
{
    /// <summary>A buffer grown past this is returned to the pool after use rather than kept for the thread.</summary>
    private const int KeptCapacity = 64 * 1024;
    private const int MaxVarintBytes = 10;

    [ThreadStatic] private static MessageWriter? t_cached;

    private byte[] _buffer;
    private int _written;

    public MessageWriter(int initialCapacity = 256) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(16, initialCapacity));

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public int WrittenCount => _written;

    /// <summary>This thread's writer, empty; give it back with <see cref="Return"/>.</summary>
    public static MessageWriter Rent()
    {
        var writer = t_cached ?? new MessageWriter();
        t_cached = null;
        return writer;
    }

    /// <summary>
    /// Empties the writer and keeps it for the thread's next <see cref="Rent"/>, unless it grew large or the thread
    /// already keeps one (a writer rented while another was out, e.g. a record encoded inside a turn): its buffer then goes
    /// back to the pool instead of being dropped with it.
    /// </summary>
    public static void Return(MessageWriter writer)
    {
        if (writer._buffer.Length > KeptCapacity || t_cached is not null)
        {
            writer.Dispose();
            return;
        }
        writer.Reset();
        t_cached = writer;
    }

    /// <summary>Forgets the written bytes, keeping the buffer.</summary>
    public void Reset() => _written = 0;

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    public void WriteByte(byte value)
    {
        if (_written >= _buffer.Length) Grow(1);
        _buffer[_written++] = value;
    }

    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    /// <summary>An unsigned varint: 7 bits a byte, low bits first, the high bit set on every byte but the last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteVarUInt64(ulong value)
    {
        if (_buffer.Length - _written < MaxVarintBytes) Grow(MaxVarintBytes);
        var buffer = _buffer;
        var pos = _written;
        while (value >= 0x80)
        {
            buffer[pos++] = (byte)(value | 0x80);
            value >>= 7;
        }
        buffer[pos++] = (byte)value;
        _written = pos;
    }

    /// <summary>A signed long as a zig-zag varint: small magnitudes of either sign are short; long.MinValue takes 10 bytes.</summary>
    public void WriteInt64(long value) => WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));

    public void WriteInt32(int value) => WriteInt64(value);

    /// <summary>An enum as the varint of its underlying bits.</summary>
    public void WriteEnum<TEnum>(TEnum value) where TEnum : unmanaged, Enum
    {
        ulong bits = Unsafe.SizeOf<TEnum>() switch
        {
            1 => Unsafe.As<TEnum, byte>(ref value),
            2 => Unsafe.As<TEnum, ushort>(ref value),
            4 => Unsafe.As<TEnum, uint>(ref value),
            _ => Unsafe.As<TEnum, ulong>(ref value),
        };
        WriteVarUInt64(bits);
    }

    /// <summary>A count or length: -1 (null) and up, stored as the varint of length + 1.</summary>
    public void WriteLength(int length)
    {
        if (length < -1) throw new ArgumentOutOfRangeException(nameof(length), length, "A length is -1 (null) or more.");
        WriteVarUInt64((ulong)(length + 1));
    }

    /// <summary>Null, or the UTF-8 bytes with their length (lone surrogates become U+FFFD, as in JSON).</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteByte(0);
            return;
        }
        if (value.Length <= 42)
        {
            // At most 3 bytes a char: the length fits one varint byte, so encode in place and fill it in after.
            var max = value.Length * 3;
            if (_buffer.Length - _written < max + 1) Grow(max + 1);
            var count = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_written + 1));
            _buffer[_written] = (byte)(count + 1);
            _written += 1 + count;
            return;
        }
        var length = Encoding.UTF8.GetByteCount(value);
        WriteLength(length);
        if (_buffer.Length - _written < length) Grow(length);
        _written += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_written));
    }

    /// <summary>A decimal exactly: a byte of sign (bit 7) and scale (0-28), then the 96-bit magnitude as two varints.</summary>
    public void WriteDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var flags = bits[3];
        var scale = (byte)((flags >> 16) & 0xFF);
        WriteByte((byte)(scale | (flags < 0 ? 0x80 : 0)));
        WriteVarUInt64((uint)bits[0] | ((ulong)(uint)bits[1] << 32));
        WriteVarUInt64((uint)bits[2]);
    }

    /// <summary>Null or the bytes with their length.</summary>
    public void WriteBytes(ReadOnlySpan<byte> value, bool isNull = false)
    {
        if (isNull)
        {
            WriteByte(0);
            return;
        }
        WriteLength(value.Length);
        WriteRaw(value);
    }

    /// <summary>The bytes as they are, without a length.</summary>
    public void WriteRaw(ReadOnlySpan<byte> value)
    {
        if (_buffer.Length - _written < value.Length) Grow(value.Length);
        value.CopyTo(_buffer.AsSpan(_written));
        _written += value.Length;
    }

    public void Advance(int count)
    {
        if (count < 0 || _written + count > _buffer.Length) throw new ArgumentOutOfRangeException(nameof(count));
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        if (_buffer.Length - _written < Math.Max(1, sizeHint)) Grow(Math.Max(1, sizeHint));
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        if (_buffer.Length - _written < Math.Max(1, sizeHint)) Grow(Math.Max(1, sizeHint));
        return _buffer.AsSpan(_written);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int needed)
    {
        var size = Math.Max(_buffer.Length * 2, _written + needed);
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _written).CopyTo(bigger);
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
