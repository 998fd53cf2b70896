using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Trading.Runtime.Snapshots;

/// <summary>
/// Writes a <see cref="SnapshotPart"/> in its stored layout (see there) from entries added in any order; the stored
/// part has them sorted by key (ordinal). Payloads handed over as spans (a checkpoint just read from the store) are
/// copied at once into pooled blocks, so the reads they came from die young: a part of 8,000 accounts no longer keeps
/// 11 MB of small arrays alive until its last read, which the GC copied twice on their way to the oldest generation.
/// Payloads given as arrays (states already in memory, or large ones) are referenced. <see cref="Build"/> writes the
/// part once into an array of its exact length and returns the blocks. Use from one thread at a time.
/// </summary>
public sealed class SnapshotPartBuilder : IDisposable
{
    internal static ReadOnlySpan<byte> Magic => "SNP2"u8;
    /// <summary>Layout 2 with the checksum of the part it was resolved from after the base id (<see cref="SnapshotPart.Origin"/>).</summary>
    internal static ReadOnlySpan<byte> ResolvedMagic => "SNP4"u8;
    internal const int CrcLength = 4;
    private const int BlockBytes = 1 << 20;
    private const int CopyBelow = BlockBytes / 8;
    /// <summary>
    /// Blocks are large objects; pooled, a snapshot reuses the previous one's instead of allocating them again. The pool
    /// keeps at most 64 (64 MB, what four writers on parts of ~11 MB hold at once); blocks beyond are left to the GC.
    /// </summary>
    private static readonly ArrayPool<byte> Blocks = ArrayPool<byte>.Create(BlockBytes, maxArraysPerBucket: 64);

    private readonly string? _baseSnapshotId;
    private readonly List<Entry> _entries = new();
    private readonly List<string> _deleted = new();
    private readonly List<byte[]> _blocks = new();
    private int _blockUsed = BlockBytes;

    private readonly string? _origin;

    /// <param name="origin">The checksum of the part this one resolves (its references replaced by the states): see <see cref="SnapshotPart.Origin"/>.</param>
    public SnapshotPartBuilder(string? baseSnapshotId, string? origin = null)
    {
        _baseSnapshotId = baseSnapshotId;
        _origin = origin;
    }

    public int Count => _entries.Count;

    /// <summary>Adds a grain whose payload is copied now (the span may be reused after the call).</summary>
    public void Add(string key, long nextOffset, ReadOnlySpan<byte> payload)
    {
        if (payload.Length >= CopyBelow)
        {
            Add(key, nextOffset, payload.ToArray());
            return;
        }
        if (BlockBytes - _blockUsed < payload.Length)
        {
            _blocks.Add(Blocks.Rent(BlockBytes));
            _blockUsed = 0;
        }
        var block = _blocks[^1];
        payload.CopyTo(block.AsSpan(_blockUsed));
        _entries.Add(new Entry(key, nextOffset, block, _blockUsed, payload.Length));
        _blockUsed += payload.Length;
    }

    /// <summary>Adds a grain whose payload array is kept as it is (it must not change before <see cref="Build"/>).</summary>
    public void Add(string key, long nextOffset, byte[] payload) => _entries.Add(new Entry(key, nextOffset, payload, 0, payload.Length));

    /// <summary>
    /// Adds a grain by reference: its state is the checkpoint stored at <paramref name="nextOffset"/>, which the checkpoint
    /// store keeps for the snapshot (<see cref="State.IGrainStateStore.KeepsSnapshotVersions"/>). Stored with the payload
    /// length <see cref="ReferenceLength"/> and no payload.
    /// </summary>
    public void AddReference(string key, long nextOffset) => _entries.Add(new Entry(key, nextOffset, null, 0, ReferenceLength));

    /// <summary>The payload length that marks an entry as a reference.</summary>
    internal const int ReferenceLength = -1;

    /// <summary>The keys added so far with their next offsets (a full part's index).</summary>
    public List<KeyValuePair<string, long>> Offsets()
    {
        var offsets = new List<KeyValuePair<string, long>>(_entries.Count);
        foreach (var e in _entries) offsets.Add(new(e.Key, e.NextOffset));
        return offsets;
    }

    /// <summary>A key of the base snapshot that no longer exists (incremental parts).</summary>
    public void Delete(string key) => _deleted.Add(key);

    /// <summary>The part in layout 2 (uncompressed), entries sorted by key; the deleted keys sorted too.</summary>
    public byte[] Build()
    {
        _entries.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        _deleted.Sort(StringComparer.Ordinal);
        long length = Magic.Length + StringLength(_baseSnapshotId ?? "") + (_origin is null ? 0 : StringLength(_origin)) + 4 + 4 + CrcLength;
        foreach (var e in _entries) length += StringLength(e.Key) + 8 + 4 + Math.Max(0, e.Length);
        foreach (var key in _deleted) length += StringLength(key);
        if (length > Array.MaxLength) throw new InvalidOperationException($"Snapshot part of {length} bytes is too large.");

        var destination = GC.AllocateUninitializedArray<byte>((int)length);
        (_origin is null ? Magic : ResolvedMagic).CopyTo(destination);
        var at = Magic.Length;
        WriteString(destination, ref at, _baseSnapshotId ?? "");
        if (_origin is not null) WriteString(destination, ref at, _origin);
        BinaryPrimitives.WriteInt32LittleEndian(destination.AsSpan(at), _entries.Count);
        at += 4;
        foreach (var e in _entries)
        {
            WriteString(destination, ref at, e.Key);
            BinaryPrimitives.WriteInt64LittleEndian(destination.AsSpan(at), e.NextOffset);
            BinaryPrimitives.WriteInt32LittleEndian(destination.AsSpan(at + 8), e.Length);
            at += 12;
            if (e.Source is null) continue; // a reference
            e.Source.AsSpan(e.Offset, e.Length).CopyTo(destination.AsSpan(at));
            at += e.Length;
        }
        BinaryPrimitives.WriteInt32LittleEndian(destination.AsSpan(at), _deleted.Count);
        at += 4;
        foreach (var key in _deleted) WriteString(destination, ref at, key);
        BinaryPrimitives.WriteUInt32LittleEndian(destination.AsSpan(at), Crc32.HashToUInt32(destination.AsSpan(0, at)));
        if (at + CrcLength != destination.Length) throw new InvalidOperationException("Snapshot part length miscounted.");
        Dispose();
        return destination;
    }

    /// <summary>Returns the blocks to the pool (after <see cref="Build"/>, or instead of it).</summary>
    public void Dispose()
    {
        _entries.Clear();
        foreach (var block in _blocks) Blocks.Return(block);
        _blocks.Clear();
        _blockUsed = BlockBytes;
    }

    private static int StringLength(string value) => 4 + Encoding.UTF8.GetByteCount(value);

    private static void WriteString(byte[] destination, ref int at, string value)
    {
        var written = Encoding.UTF8.GetBytes(value, destination.AsSpan(at + 4));
        BinaryPrimitives.WriteInt32LittleEndian(destination.AsSpan(at), written);
        at += 4 + written;
    }

    private readonly record struct Entry(string Key, long NextOffset, byte[]? Source, int Offset, int Length);
}
