using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Trading.Runtime.Snapshots;

/// <summary>
/// The compressed frame of a stored snapshot part (layout 3): <c>SNP3</c>, the int32 length of the uncompressed part
/// (layout 2, its CRC-32 included), then that part as raw Deflate (the BCL's <see cref="DeflateStream"/>, fastest level).
/// Grain states are compact one by one but repeat their field patterns from grain to grain: a part of 8,000 accounts
/// shrinks to about a third, an order book part to a seventh, which is that much less for Redis to receive, page in and
/// hold. A part that does not get an eighth smaller (of random bytes), or is tiny, is stored uncompressed, as layout 2.
/// </summary>
public static class SnapshotPartCompression
{
    internal static ReadOnlySpan<byte> Magic => "SNP3"u8;
    private const int HeaderLength = 8;
    /// <summary>Parts below this (an empty partition, a handful of grains) are stored as they are.</summary>
    private const int MinimumLength = 1024;
    /// <summary>Deflate's best case is about 1032 to 1: a declared length beyond that is a lie, refused before allocating it.</summary>
    private const long MaxRatio = 1032;

    /// <summary>
    /// Buffers of a part's size, pooled apart from <see cref="ArrayPool{T}.Shared"/>: that pool keeps a returned array in
    /// the returning thread's slot first, and compression runs on short-lived low-priority threads, so every part would
    /// allocate a new large array (and the LOH budget they use up brings on full collections). At most 2 per size class
    /// (parts are compressed one at a time); larger than 64 MB are not pooled.
    /// </summary>
    private static readonly ArrayPool<byte> Buffers = ArrayPool<byte>.Create(maxArrayLength: 1 << 26, maxArraysPerBucket: 2);

    public static bool IsCompressed(ReadOnlySpan<byte> stored) => stored.StartsWith(Magic);

    /// <summary>
    /// The compressed frame of <paramref name="part"/> (layout 2), or the part itself when it is under 1 KB or the frame
    /// would not be an eighth smaller.
    /// </summary>
    public static byte[] Compress(byte[] part)
    {
        var length = part.Length;
        // The frame must save at least an eighth (else inflating on every read is not worth it): compress into a buffer
        // of seven eighths of the part's length, which cannot grow; a part that does not fit it is stored as it is.
        if (length < MinimumLength) return part;
        var limit = (int)(length * 7L / 8);
        var buffer = Buffers.Rent(limit);
        try
        {
            if (!TryDeflate(part, buffer, limit, out var written)) return part;
            var stored = GC.AllocateUninitializedArray<byte>(written);
            buffer.AsSpan(0, written).CopyTo(stored);
            return stored;
        }
        finally
        {
            Buffers.Return(buffer);
        }
    }

    /// <summary>The uncompressed part (layout 2) inside a compressed frame.</summary>
    /// <exception cref="FormatException">The frame is truncated, corrupt, or inflates to another length than it declares.</exception>
    public static byte[] Decompress(byte[] stored)
    {
        if (!IsCompressed(stored)) throw new FormatException("Not a compressed snapshot part.");
        if (stored.Length < HeaderLength) throw new FormatException("Compressed snapshot part truncated.");
        var length = BinaryPrimitives.ReadInt32LittleEndian(stored.AsSpan(Magic.Length));
        var deflated = stored.Length - HeaderLength;
        if (length <= 0 || length > Array.MaxLength || length > (deflated + 1) * MaxRatio)
            throw new FormatException($"Compressed snapshot part declares {length} bytes for {deflated} compressed ones.");
        var part = GC.AllocateUninitializedArray<byte>(length);
        using var inflate = new DeflateStream(new MemoryStream(stored, HeaderLength, deflated, writable: false), CompressionMode.Decompress);
        try
        {
            inflate.ReadExactly(part);
            Span<byte> more = stackalloc byte[1];
            if (inflate.Read(more) != 0) throw new FormatException($"Compressed snapshot part inflates to more than the {length} bytes it declares.");
        }
        catch (EndOfStreamException e)
        {
            throw new FormatException($"Compressed snapshot part inflates to fewer than the {length} bytes it declares.", e);
        }
        catch (InvalidDataException e)
        {
            throw new FormatException($"Compressed snapshot part is corrupt: {e.Message}", e);
        }
        return part;
    }

    private static bool TryDeflate(byte[] part, byte[] destination, int limit, out int written)
    {
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteInt32LittleEndian(destination.AsSpan(Magic.Length), part.Length);
        // A MemoryStream over a given array cannot expand: writing past its end throws NotSupportedException.
        using var output = new MemoryStream(destination, HeaderLength, limit - HeaderLength, writable: true);
        try
        {
            using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
                deflate.Write(part);
        }
        catch (NotSupportedException)
        {
            // The compressed bytes outgrew the limit: not worth it.
            written = 0;
            return false;
        }
        written = HeaderLength + (int)output.Position;
        return true;
    }
}
