using System.Buffers;
using System.Text.Json;

namespace Trading.Silo.ReadSide.History;

/// <summary>
/// A JSONEachRow body: one JSON object per line. Numbers are written bare (ClickHouse 18.16 refuses quoted
/// numbers for some types) and DateTime columns as epoch seconds.
/// </summary>
public sealed class JsonRows
{
    private static readonly JsonWriterOptions Options = new() { SkipValidation = true };
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private readonly Utf8JsonWriter _writer;

    public JsonRows() => _writer = new Utf8JsonWriter(_buffer, Options);

    public int Count { get; private set; }

    public Utf8JsonWriter BeginRow()
    {
        _writer.WriteStartObject();
        return _writer;
    }

    public void EndRow()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        _buffer.Write("\n"u8);
        _writer.Reset(_buffer);
        Count++;
    }

    public ReadOnlyMemory<byte> Body => _buffer.WrittenMemory;

    public void Clear()
    {
        _buffer.Clear();
        _writer.Reset(_buffer);
        Count = 0;
    }
}
