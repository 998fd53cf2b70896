namespace Trading.Grains.Interfaces.Exchange;

/// <summary>
/// A change of the top-N depth view of a book (<c>market_data.orderbooks</c>, key: symbol), emitted after every
/// command that changed it. Each change gives a level's new total quantity in lots at a price in ticks; quantity 0
/// means the level left the view (emptied, or pushed below the N best). <see cref="Sequence"/> is the book's event
/// sequence after the command and <see cref="PreviousSequence"/> the one of the update before: a consumer whose last
/// applied update is not <see cref="PreviousSequence"/> has missed one and resynchronises from a snapshot
/// (<see cref="BookDepth"/> of the same N, whose Sequence orders it among the updates).
/// </summary>
public sealed record DepthUpdate(string Symbol, long PreviousSequence, long Sequence, long Timestamp, int Levels,
    IReadOnlyList<DepthEntry> Bids, IReadOnlyList<DepthEntry> Asks);
