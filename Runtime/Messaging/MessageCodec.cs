namespace Trading.Runtime.Messaging;

/// <summary>
/// Base of the typed codecs: writes the layout version byte in front of the body and refuses bodies of any
/// other version, so that a later layout can be told apart from this one instead of being misread. Codecs of
/// nested values (an event inside a result) are called the same way, so each carries its own version.
/// </summary>
public abstract class MessageCodec<T> : IMessageCodec where T : class
{
    /// <summary>The layout this codec writes; the only one it reads.</summary>
    protected virtual byte Version => 1;

    public Type Type => typeof(T);

    public void Write(MessageWriter writer, T message)
    {
        writer.WriteByte(Version);
        WriteBody(writer, message);
    }

    /// <exception cref="FormatException">Truncated or invalid bytes, or an unknown layout version.</exception>
    public T Read(ref MessageReader reader)
    {
        var version = reader.ReadByte();
        if (version != Version) throw new FormatException($"Unknown {typeof(T).Name} codec version {version} (this build reads {Version}).");
        return ReadBody(ref reader);
    }

    /// <summary>Null, or the message behind a presence byte.</summary>
    public void WriteNullable(MessageWriter writer, T? message)
    {
        writer.WriteBool(message is not null);
        if (message is not null) Write(writer, message);
    }

    public T? ReadNullable(ref MessageReader reader) => reader.ReadBool() ? Read(ref reader) : null;

    /// <summary>Null, or the count and each message; read back as an array.</summary>
    public void WriteList(MessageWriter writer, IReadOnlyList<T>? messages)
    {
        if (messages is null)
        {
            writer.WriteLength(-1);
            return;
        }
        var count = messages.Count;
        writer.WriteLength(count);
        for (var i = 0; i < count; i++) Write(writer, messages[i]);
    }

    /// <exception cref="FormatException">Truncated or invalid bytes, or an unknown layout version.</exception>
    public T[]? ReadArray(ref MessageReader reader)
    {
        var count = reader.ReadLength();
        if (count <= 0) return count < 0 ? null : [];
        var messages = new T[count];
        for (var i = 0; i < messages.Length; i++) messages[i] = Read(ref reader);
        return messages;
    }

    /// <summary>The fields, in the layout's order.</summary>
    protected abstract void WriteBody(MessageWriter writer, T message);

    protected abstract T ReadBody(ref MessageReader reader);

    void IMessageCodec.Write(MessageWriter writer, object message) => Write(writer, (T)message);

    object IMessageCodec.Read(ref MessageReader reader) => Read(ref reader);
}
