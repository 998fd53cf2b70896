using System.Runtime.CompilerServices;
using System.Text;

namespace Trading.Runtime.Messaging;

/// <summary>
/// Reads what <see cref="MessageWriter"/> wrote. Every read checks its bounds and its value, so truncated or
/// corrupt bytes end in a <see cref="FormatException"/> (as a JSON payload that does not parse does) and never
/// in an index or overflow exception, nor in an allocation sized by a corrupt length.
/// </summary>
public ref struct MessageReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _bytes;
    private int _position;

    public MessageReader(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _bytes.Length - _position;

    /// <exception cref="FormatException">Bytes are left over: the payload is longer than its layout.</exception>
    public readonly void EnsureEnd()
    {
        if (_position != _bytes.Length) throw new FormatException($"{Remaining} bytes left after the message.");
    }

    public byte ReadByte()
    {
        if (_position >= _bytes.Length) throw Truncated();
        return _bytes[_position++];
    }

    public bool ReadBool() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var b => throw new FormatException($"Invalid boolean byte {b}."),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadVarUInt64()
    {
        var bytes = _bytes;
        var pos = _position;
        if (pos < bytes.Length && bytes[pos] < 0x80)
        {
            _position = pos + 1;
            return bytes[pos];
        }
        return ReadVarUInt64Slow();
    }

    public long ReadInt64()
    {
        var raw = ReadVarUInt64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int ReadInt32()
    {
        var value = ReadInt64();
        if (value is < int.MinValue or > int.MaxValue) throw new FormatException($"Value {value} does not fit an int.");
        return (int)value;
    }

    /// <summary>An enum from the varint of its underlying bits; values too wide for the enum's size are refused.</summary>
    public TEnum ReadEnum<TEnum>() where TEnum : unmanaged, Enum
    {
        var raw = ReadVarUInt64();
        switch (Unsafe.SizeOf<TEnum>())
        {
            case 1:
                if (raw > byte.MaxValue) throw InvalidEnum<TEnum>(raw);
                var b = (byte)raw;
                return Unsafe.As<byte, TEnum>(ref b);
            case 2:
                if (raw > ushort.MaxValue) throw InvalidEnum<TEnum>(raw);
                var s = (ushort)raw;
                return Unsafe.As<ushort, TEnum>(ref s);
            case 4:
                if (raw > uint.MaxValue) throw InvalidEnum<TEnum>(raw);
                var i = (uint)raw;
                return Unsafe.As<uint, TEnum>(ref i);
            default:
                return Unsafe.As<ulong, TEnum>(ref raw);
        }
    }

    /// <summary>A count or length written by <see cref="MessageWriter.WriteLength"/>: -1 for null. No more than the bytes left,
    /// since every element takes at least one byte.</summary>
    public int ReadLength()
    {
        var raw = ReadVarUInt64();
        if (raw > (ulong)Remaining + 1) throw new FormatException($"Length {raw - 1} exceeds the {Remaining} bytes left.");
        return (int)raw - 1;
    }

    public string? ReadString()
    {
        var length = ReadLength();
        if (length < 0) return null;
        if (length == 0) return "";
        var slice = _bytes.Slice(_position, length);
        _position += length;
        try
        {
            return StrictUtf8.GetString(slice);
        }
        catch (DecoderFallbackException e)
        {
            throw new FormatException("A string is not valid UTF-8.", e);
        }
    }

    public decimal ReadDecimal()
    {
        var flags = ReadByte();
        var scale = (byte)(flags & 0x7F);
        if (scale > 28) throw new FormatException($"Decimal scale {scale} is above 28.");
        var low = ReadVarUInt64();
        var high = ReadVarUInt64();
        if (high > uint.MaxValue) throw new FormatException("Decimal magnitude exceeds 96 bits.");
        return new decimal((int)(uint)low, (int)(uint)(low >> 32), (int)(uint)high, (flags & 0x80) != 0, scale);
    }

    /// <summary>Null or bytes written by <see cref="MessageWriter.WriteBytes"/>.</summary>
    public byte[]? ReadBytes()
    {
        var length = ReadLength();
        return length < 0 ? null : ReadRaw(length).ToArray();
    }

    /// <summary>The next <paramref name="count"/> bytes as they are.</summary>
    public ReadOnlySpan<byte> ReadRaw(int count)
    {
        if (count < 0 || count > Remaining) throw Truncated();
        var slice = _bytes.Slice(_position, count);
        _position += count;
        return slice;
    }

    /// <summary>Advances past <paramref name="expected"/> when the next bytes are exactly it; otherwise stays.</summary>
    public bool TrySkip(ReadOnlySpan<byte> expected)
    {
        if (!_bytes[_position..].StartsWith(expected)) return false;
        _position += expected.Length;
        return true;
    }

    /// <summary>The bytes read since <paramref name="position"/>, an earlier value of <see cref="Position"/>.</summary>
    public readonly ReadOnlySpan<byte> ReadSince(int position)
    {
        if (position < 0 || position > _position) throw new ArgumentOutOfRangeException(nameof(position));
        return _bytes[position.._position];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ulong ReadVarUInt64Slow()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _bytes.Length) throw Truncated();
            var b = _bytes[_position++];
            if (shift == 63 && b > 1) throw new FormatException("Varint exceeds 64 bits.");
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
        throw new FormatException("Varint longer than 10 bytes.");
    }

    private static FormatException Truncated() => new("Binary message is truncated.");

    private static FormatException InvalidEnum<TEnum>(ulong raw) => new($"Value {raw} does not fit {typeof(TEnum).Name}.");
}
