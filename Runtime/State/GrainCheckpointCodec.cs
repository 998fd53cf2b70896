using System.Buffers.Binary;

namespace Trading.Runtime.State;

/// <summary>
/// The stored form of a <see cref="GrainCheckpoint"/>: one value so that state and offset are written
/// atomically. Layout (version 1): format version byte, partition (int32 little-endian), next offset
/// (int64 little-endian), then the payload bytes to the end.
/// </summary>
public static class GrainCheckpointCodec
{
    /// <summary>The format version this code writes.</summary>
    public const byte CurrentVersion = 1;

    private const int HeaderLength = 1 + sizeof(int) + sizeof(long);

    /// <summary>Encodes a checkpoint in the current format.</summary>
    public static byte[] Encode(GrainCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var bytes = new byte[HeaderLength + checkpoint.Payload.Length];
        bytes[0] = CurrentVersion;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(1), checkpoint.Partition);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(5), checkpoint.NextOffset);
        checkpoint.Payload.CopyTo(bytes.AsSpan(HeaderLength));
        return bytes;
    }

    /// <summary>Decodes a stored checkpoint.</summary>
    /// <exception cref="FormatException">Unknown format version, or a value too short to be a checkpoint.</exception>
    public static GrainCheckpoint Decode(ReadOnlySpan<byte> bytes)
    {
        var payload = Read(bytes, out var partition, out var nextOffset);
        return new GrainCheckpoint(partition, nextOffset, payload.ToArray());
    }

    /// <summary>The header of a stored checkpoint, and its payload in place (nothing copied).</summary>
    /// <exception cref="FormatException">Unknown format version, or a value too short to be a checkpoint.</exception>
    public static ReadOnlySpan<byte> Read(ReadOnlySpan<byte> bytes, out int partition, out long nextOffset)
    {
        if (bytes.Length == 0) throw new FormatException("Empty value is not a grain checkpoint.");
        if (bytes[0] != CurrentVersion)
            throw new FormatException($"Unknown grain checkpoint format version {bytes[0]} (this build reads version {CurrentVersion}).");
        if (bytes.Length < HeaderLength)
            throw new FormatException($"Grain checkpoint value is {bytes.Length} bytes, shorter than its {HeaderLength}-byte header.");
        partition = BinaryPrimitives.ReadInt32LittleEndian(bytes[1..]);
        nextOffset = BinaryPrimitives.ReadInt64LittleEndian(bytes[5..]);
        return bytes[HeaderLength..];
    }
}
