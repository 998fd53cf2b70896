using System.Buffers.Binary;
using System.Text;

namespace Trading.Runtime.Messaging;

/// <summary>
/// Binary layout of <see cref="MessageEnvelope"/>: a format version byte, the kind, then
/// length-prefixed fields. Unknown versions are rejected rather than misread.
/// </summary>
public static class EnvelopeCodec
{
    public const byte FormatVersion = 1;

    public static byte[] Encode(MessageEnvelope envelope) =>
        Encode(envelope.Kind, envelope.Source, envelope.Sequence, envelope.Type, envelope.CorrelationId, envelope.ReplyTo,
            envelope.Timestamp, envelope.Payload);

    /// <summary>The envelope of a payload still in the caller's buffer, written once into the record's value.</summary>
    public static byte[] Encode(MessageKind kind, string source, long sequence, string type, string? correlationId, string? replyTo,
        long timestamp, ReadOnlySpan<byte> payload)
    {
        var size = 1 + 1 + 8 + 8 + StringSize(source) + StringSize(type) + StringSize(correlationId) + StringSize(replyTo) + 4 + payload.Length;
        var buffer = new byte[size];
        var span = buffer.AsSpan();
        span[0] = FormatVersion;
        span[1] = (byte)kind;
        var pos = 2;
        BinaryPrimitives.WriteInt64LittleEndian(span[pos..], sequence); pos += 8;
        BinaryPrimitives.WriteInt64LittleEndian(span[pos..], timestamp); pos += 8;
        pos += WriteString(span[pos..], source);
        pos += WriteString(span[pos..], type);
        pos += WriteString(span[pos..], correlationId);
        pos += WriteString(span[pos..], replyTo);
        BinaryPrimitives.WriteInt32LittleEndian(span[pos..], payload.Length); pos += 4;
        payload.CopyTo(span[pos..]);
        return buffer;
    }

    /// <exception cref="FormatException">The bytes are not an envelope of a known version.</exception>
    public static MessageEnvelope Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            if (bytes.Length < 2) throw new FormatException("Envelope too short.");
            if (bytes[0] != FormatVersion) throw new FormatException($"Unknown envelope format version {bytes[0]}.");
            var kind = (MessageKind)bytes[1];
            if (!Enum.IsDefined(kind)) throw new FormatException($"Unknown message kind {bytes[1]}.");
            var pos = 2;
            var sequence = BinaryPrimitives.ReadInt64LittleEndian(bytes[pos..]); pos += 8;
            var timestamp = BinaryPrimitives.ReadInt64LittleEndian(bytes[pos..]); pos += 8;
            var source = ReadString(bytes, ref pos) ?? throw new FormatException("Envelope without source.");
            var type = ReadString(bytes, ref pos) ?? throw new FormatException("Envelope without type.");
            var correlation = ReadString(bytes, ref pos);
            var replyTo = ReadString(bytes, ref pos);
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes[pos..]); pos += 4;
            if (length < 0 || pos + length != bytes.Length) throw new FormatException("Envelope payload length mismatch.");
            return new MessageEnvelope(kind, source, sequence, type, correlation, replyTo, timestamp, bytes.Slice(pos, length).ToArray());
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException("Envelope truncated.", e);
        }
    }

    private static int StringSize(string? value) => 4 + (value is null ? 0 : Encoding.UTF8.GetByteCount(value));

    private static int WriteString(Span<byte> span, string? value)
    {
        if (value is null)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span, -1);
            return 4;
        }
        var written = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, written);
        return 4 + written;
    }

    private static string? ReadString(ReadOnlySpan<byte> bytes, ref int pos)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes[pos..]);
        pos += 4;
        if (length == -1) return null;
        if (length < 0 || pos + length > bytes.Length) throw new FormatException("Envelope string length out of range.");
        var value = Encoding.UTF8.GetString(bytes.Slice(pos, length));
        pos += length;
        return value;
    }
}
