using System.Buffers;
using System.Security.Cryptography;

namespace Trading.Grains.Interfaces.Snapshots;

/// <summary>A buffer writer that feeds what is written into a SHA-256 in chunks, so hashing a huge section needs one small buffer.</summary>
internal sealed class HashingBufferWriter : IBufferWriter<byte>, IDisposable
{
    private const int ChunkSize = 64 * 1024;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer = new byte[ChunkSize];
    private int _written;

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0) => _buffer.AsMemory(Reserve(sizeHint));

    public Span<byte> GetSpan(int sizeHint = 0) => _buffer.AsSpan(Reserve(sizeHint));

    /// <summary>Lowercase hex of the hash of everything written; resets the writer.</summary>
    public string FinishHex()
    {
        Drain();
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public void Dispose() => _hash.Dispose();

    private int Reserve(int sizeHint)
    {
        var need = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= need) return _written;
        Drain();
        if (_buffer.Length < need) _buffer = new byte[Math.Max(need, ChunkSize)];
        return 0;
    }

    private void Drain()
    {
        if (_written == 0) return;
        _hash.AppendData(_buffer, 0, _written);
        _written = 0;
    }
}
