using Trading.Grains.Exchange;
using Trading.Grains.Exchange.Codecs;
using Trading.Grains.Exchange.Snapshots;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Runtime.Grains;
using Trading.Runtime.Snapshots;
using Trading.Silo.Snapshots;
using static Trading.Tests.Snapshots.SnapshotScenarios;

namespace Trading.Tests.Snapshots;

/// <summary>
/// The snapshot document is built from the checkpoint states of the snapshot's parts, whichever form each holds: binary
/// (what the Position and OrderBook grains write now) or JSON (what they wrote before, and what the registry writes).
/// </summary>
public sealed class EngineStatesTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_document_from_checkpoint_states_is_the_document_of_the_captured_states(bool binary)
    {
        var capture = CaptureOf(Standard());
        var registry = new SymbolRegistryState { Version = 2 };
        foreach (var (name, spec) in capture.Symbols) registry.Symbols[name] = spec;
        var books = new List<SnapshotEntry>();
        foreach (var (symbol, state) in capture.Books)
            books.Add(Entry(symbol, GrainStateFormat.Serialize(state, binary ? OrderBookGrainStateCodec.Instance : null)));
        var positions = new List<SnapshotEntry>();
        foreach (var (user, state) in capture.Positions)
            positions.Add(Entry(user.ToString(System.Globalization.CultureInfo.InvariantCulture),
                GrainStateFormat.Serialize(state, binary ? PositionGrainStateCodec.Instance : null)));
        Assert.Equal(binary, GrainStateFormat.IsBinary(positions[0].Payload.AsSpan(5)));

        var states = EngineStates.Decode(
        [
            (ExchangeGrainTypes.OrderBook, books), (ExchangeGrainTypes.Position, positions),
            (ExchangeGrainTypes.SymbolRegistry, [Entry(ISymbolRegistryGrain.Key, GrainStateFormat.Serialize(registry, null))]),
        ]);
        Assert.Equal(books.Count + positions.Count + 1, states.Grains);
        Assert.Equal(2, states.Symbols!.Version);
        var rebuilt = capture with { Books = states.Books, Positions = states.Positions };
        Assert.Equal(SnapshotJson.Serialize(MatchEngineSnapshotBuilder.Build(capture)), SnapshotJson.Serialize(MatchEngineSnapshotBuilder.Build(rebuilt)));
    }

    [Fact]
    public void A_corrupt_binary_state_in_a_part_is_a_format_exception()
    {
        var capture = CaptureOf(Standard());
        var state = GrainStateFormat.Serialize(capture.Books["BTCUSDT"], OrderBookGrainStateCodec.Instance);
        Assert.Throws<FormatException>(() => EngineStates.Decode([(ExchangeGrainTypes.OrderBook, [Entry("BTCUSDT", state[..^3])])]));
    }

    private static SnapshotEntry Entry(string key, byte[] state) =>
        new(key, 7, new GrainCheckpointPayload(GrainCheckpointPayload.CurrentVersion, state, null, null).Encode());
}
