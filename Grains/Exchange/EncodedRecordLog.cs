using System.Buffers;
using Trading.Runtime.Messaging;

namespace Trading.Grains.Exchange;

/// <summary>
/// The encoded form of a bounded, first-in first-out list of immutable records (an account's finished orders, its
/// fills), kept beside the objects: each record's bytes exactly as its codec writes them, back to back in one buffer.
/// Writing the list into a checkpoint is then a copy of that buffer (what <see cref="MessageCodec{T}.WriteList"/> would
/// write, byte for byte) instead of encoding a thousand records again at every checkpoint and at every snapshot barrier,
/// where the partition worker serializes the grains it has not saved yet while matching waits for it.
/// <see cref="Version"/> changes with every change, so a reader can tell whether the log still matches a list copied
/// from it earlier.
/// </summary>
internal sealed class EncodedRecordLog
{
    private byte[] _buffer = [];
    private int _start; // the live bytes are [_start, _end)
    private int _end;
    private readonly Queue<int> _lengths = new();

    public int Count => _lengths.Count;

    public long Version { get; private set; }

    /// <summary>The live bytes: <see cref="Count"/> records, oldest first.</summary>
    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Appends <paramref name="record"/> as <paramref name="codec"/> writes it.</summary>
    public void Append<T>(MessageCodec<T> codec, T record) where T : class
    {
        var writer = MessageWriter.Rent();
        try
        {
            codec.Write(writer, record);
            var encoded = writer.WrittenSpan;
            Reserve(encoded.Length);
            encoded.CopyTo(_buffer.AsSpan(_end));
            _end += encoded.Length;
            _lengths.Enqueue(encoded.Length);
            Version++;
        }
        finally
        {
            MessageWriter.Return(writer);
        }
    }

    /// <summary>Drops the oldest record.</summary>
    /// <exception cref="InvalidOperationException">The log is empty.</exception>
    public void RemoveOldest()
    {
        _start += _lengths.Dequeue();
        if (_lengths.Count == 0) _start = _end = 0;
        Version++;
    }

    /// <summary>The list as <see cref="MessageCodec{T}.WriteList"/> writes it: the count, then every record.</summary>
    public void WriteList(MessageWriter writer)
    {
        writer.WriteLength(Count);
        writer.WriteRaw(Bytes);
    }

    /// <summary>Room for <paramref name="length"/> more bytes at the end: the live bytes move to the front, the buffer grows if it must.</summary>
    private void Reserve(int length)
    {
        if (_end + length <= _buffer.Length) return;
        var live = _end - _start;
        var target = _buffer;
        // Grow only when the live bytes would fill more than half of the buffer; else moving them to the front makes room
        // (each byte is moved at most once per buffer's worth of appends).
        if ((live + length) * 2 > _buffer.Length) target = new byte[Math.Max(256, (live + length) * 2)];
        Buffer.BlockCopy(_buffer, _start, target, 0, live);
        _buffer = target;
        _start = 0;
        _end = live;
    }
}
