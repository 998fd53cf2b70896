using Microsoft.Extensions.Options;
using Trading.Grains.Exchange;
using Trading.Grains.Interfaces.Exchange;
using Trading.Runtime.Configuration;
using Trading.Runtime.Grains;
using static Trading.Tests.Exchange.Codecs.States.StateCodecs;

namespace Trading.Tests.Exchange.Codecs.States;

/// <summary>
/// Checkpoints written before the grains had state codecs (JSON states, compressed or not, in either checkpoint payload
/// version) still load; the real Position and OrderBook grains write binary states from then on and load them back to
/// the same state; a grain that names no codec keeps writing JSON.
/// </summary>
public sealed class StateCodecCompatibilityTests
{
    [Fact]
    public void Old_json_states_still_load_with_the_codec()
    {
        var (books, positions) = Scenario();
        foreach (var state in positions.Values)
            Assert.Equal(Canonical(state), Canonical(Decode(LegacyJson(state), Positions)));
        foreach (var state in books.Values)
            Assert.Equal(Canonical(state), Canonical(Decode(LegacyJson(state), Books)));
    }

    [Fact]
    public void Old_json_checkpoints_of_both_payload_versions_still_load()
    {
        var (books, _) = Scenario();
        var state = books["BTCUSDT"];
        var json = LegacyJson(state);
        Assert.True(json.Length >= GrainCheckpointPayload.CompressAbove, "the JSON state must be one that was stored compressed");
        var current = new GrainCheckpointPayload(GrainCheckpointPayload.CurrentVersion, json, null, null).Encode();
        var version1 = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new GrainCheckpointPayload(1, json, null, null),
            Trading.Runtime.Messaging.MessageTypeRegistry.JsonOptions);
        foreach (var payload in new[] { current, version1 })
            Assert.Equal(Canonical(state), Canonical(Decode(GrainCheckpointPayload.Decode(payload).State!, Books)));
    }

    [Fact]
    public void A_position_grain_loads_a_json_checkpoint_and_writes_binary_that_loads_to_the_same_state()
    {
        var original = Scenario().Positions[Trading.Tests.Snapshots.SnapshotScenarios.Maker];
        var first = PositionGrainOf(1001);
        first.LoadState(LegacyJson(original));
        var binary = first.SaveState()!;
        Assert.Equal([GrainStateFormat.BinaryMarker, 1], binary[..2]);
        Assert.Equal(Canonical(original), Canonical(Decode(binary, Positions)));

        var second = PositionGrainOf(1001);
        second.LoadState(binary);
        Assert.Equal(binary, second.SaveState());
    }

    [Fact]
    public void An_order_book_grain_loads_a_json_checkpoint_and_writes_binary_that_loads_to_the_same_state()
    {
        var original = Scenario().Books["ETHUSDT"];
        var first = BookGrainOf("ETHUSDT");
        first.LoadState(LegacyJson(original));
        var binary = first.SaveState()!;
        Assert.Equal([GrainStateFormat.BinaryMarker, 1], binary[..2]);
        Assert.Equal(Canonical(original), Canonical(Decode(binary, Books)));

        var second = BookGrainOf("ETHUSDT");
        second.LoadState(binary);
        Assert.Equal(binary, second.SaveState());
    }

    [Fact]
    public void A_grain_without_a_state_codec_keeps_writing_and_reading_json()
    {
        var grain = new JsonStateGrain();
        grain.LoadState("{\"count\":3}"u8.ToArray());
        var saved = grain.SaveState()!;
        Assert.Equal((byte)'{', saved[0]);
        Assert.Contains("\"count\":3", System.Text.Encoding.UTF8.GetString(saved));
        Assert.Throws<FormatException>(() => grain.LoadState([GrainStateFormat.BinaryMarker, 1, 6]));
    }

    private static PositionGrain PositionGrainOf(long user)
    {
        var grain = new PositionGrain(Options.Create(new TopicOptions()));
        grain.Attach(Activation(ExchangeGrainTypes.Position, user.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return grain;
    }

    private static OrderBookGrain BookGrainOf(string symbol)
    {
        var grain = new OrderBookGrain(Options.Create(new TopicOptions()), Options.Create(new ExchangeOptions()));
        grain.Attach(Activation(ExchangeGrainTypes.OrderBook, symbol));
        return grain;
    }

    private static GrainActivationContext Activation(string type, string key) =>
        new(new GrainId(type, key), 0, 16, DedupWindow.DefaultQuietInputs, _ => Task.CompletedTask);

    /// <summary>The state of a grain that names no codec.</summary>
    public sealed class CountState
    {
        public int Count { get; set; }
    }

    private sealed class JsonStateGrain : Grain<CountState>
    {
        public override Task OnMessageAsync(object message, IMessageContext context) => Task.CompletedTask;
    }
}
