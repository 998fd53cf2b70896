using Trading.Runtime.Messaging;

namespace Trading.Runtime.Grains;

/// <summary>
/// A hand-written binary layout of one grain state type. Reflection JSON of large states (an order book's resting orders,
/// an account's journal) is a large share of the order path's allocations and most of a snapshot's bytes, so a grain may
/// name a codec for its state (<see cref="Grain{TState}.StateCodec"/>); <see cref="GrainStateFormat"/> writes and reads
/// it. A <see cref="MessageCodec{T}"/> that also declares this interface fits as it is: version byte first, then the fields.
/// </summary>
public interface IStateCodec<TState> where TState : class
{
    /// <summary>Appends the state's bytes (layout version byte first) to <paramref name="writer"/>.</summary>
    void Write(MessageWriter writer, TState state);

    /// <summary>Reads one state written by <see cref="Write"/>.</summary>
    /// <exception cref="FormatException">Truncated or invalid bytes, or an unknown layout version.</exception>
    TState Read(ref MessageReader reader);
}
