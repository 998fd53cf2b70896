using System.Text;

namespace Trading.Runtime.Partitioning;

/// <summary>
/// Kafka's key partitioner: the Java client's 32-bit murmur2 (seed 0x9747b28c) over the key's UTF-8
/// bytes, made positive with <c>&amp; 0x7fffffff</c>, modulo the partition count. librdkafka's
/// <c>murmur2_random</c> partitioner computes the same, so every producer routes a key alike.
/// </summary>
public static class Murmur2Partitioner
{
    private const uint Seed = 0x9747b28c;
    private const uint M = 0x5bd1e995;
    private const int R = 24;
    private const int StackLimit = 256;

    /// <summary>The partition of <paramref name="key"/> among <paramref name="partitionCount"/> partitions.</summary>
    public static int Partition(string key, int partitionCount)
    {
        ArgumentNullException.ThrowIfNull(key);
        var byteCount = Encoding.UTF8.GetByteCount(key);
        var buffer = byteCount <= StackLimit ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(key, buffer);
        return Partition(buffer, partitionCount);
    }

    /// <summary>The partition of a key already encoded as bytes.</summary>
    public static int Partition(ReadOnlySpan<byte> keyBytes, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        return (Hash(keyBytes) & 0x7fffffff) % partitionCount;
    }

    /// <summary>The Java client's <c>Utils.murmur2</c>: the same signed 32-bit result for the same bytes.</summary>
    public static int Hash(ReadOnlySpan<byte> data)
    {
        unchecked
        {
            var length = data.Length;
            var h = Seed ^ (uint)length;
            var blocks = length / 4;
            for (var i = 0; i < blocks; i++)
            {
                var i4 = i * 4;
                var k = data[i4] | ((uint)data[i4 + 1] << 8) | ((uint)data[i4 + 2] << 16) | ((uint)data[i4 + 3] << 24);
                k *= M;
                k ^= k >> R;
                k *= M;
                h *= M;
                h ^= k;
            }

            var tail = length & ~3;
            switch (length % 4)
            {
                case 3:
                    h ^= (uint)data[tail + 2] << 16;
                    goto case 2;
                case 2:
                    h ^= (uint)data[tail + 1] << 8;
                    goto case 1;
                case 1:
                    h ^= data[tail];
                    h *= M;
                    break;
            }

            h ^= h >> 13;
            h *= M;
            h ^= h >> 15;
            return unchecked((int)h);
        }
    }
}
