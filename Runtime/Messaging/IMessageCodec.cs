namespace Trading.Runtime.Messaging;

/// <summary>
/// A hand-written binary layout of one message type. JSON through reflection costs a large share of the order
/// path's CPU, so the hot messages have a codec of their own; a <see cref="MessageTypeRegistry"/> chooses it per
/// registered type and keeps JSON for every other type.
/// </summary>
public interface IMessageCodec
{
    /// <summary>The exact runtime type the codec writes and reads.</summary>
    Type Type { get; }

    /// <summary>Appends the message's bytes (version byte first) to <paramref name="writer"/>.</summary>
    void Write(MessageWriter writer, object message);

    /// <summary>Reads one message written by <see cref="Write"/>.</summary>
    /// <exception cref="FormatException">Truncated or invalid bytes, or an unknown layout version.</exception>
    object Read(ref MessageReader reader);
}
