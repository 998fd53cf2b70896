using Trading.Runtime.Grains;
using static Trading.Tests.Exchange.Codecs.States.StateCodecs;

namespace Trading.Tests.Exchange.Codecs.States;

/// <summary>
/// The checkpoint payload compresses large JSON states only: binary states are about as small as compressed JSON, and
/// Deflate costs more to write and read them than it saves in Redis (see <see cref="GrainCheckpointPayload"/>).
/// </summary>
public sealed class StateCheckpointCompressionTests
{
    private const byte Stored = 0xC4; // version 3 markers: binary bookkeeping after the state
    private const byte Compressed = 0xC5;

    [Fact]
    public void A_large_binary_state_is_stored_as_it_is_and_reads_back_exactly()
    {
        var state = Encode(Scenario().Books["BTCUSDT"], Books);
        var padded = new byte[Math.Max(state.Length, GrainCheckpointPayload.CompressAbove * 4)];
        state.CopyTo(padded, 0); // a binary state (first byte 0x00) well above the compression threshold
        var bytes = new GrainCheckpointPayload(GrainCheckpointPayload.CurrentVersion, padded, null, null).Encode();
        Assert.Equal(Stored, bytes[0]);
        Assert.Equal(padded, GrainCheckpointPayload.Decode(bytes).State);
    }

    [Fact]
    public void A_large_json_state_is_still_compressed()
    {
        var json = LegacyJson(Scenario().Books["BTCUSDT"]);
        Assert.True(json.Length >= GrainCheckpointPayload.CompressAbove);
        var bytes = new GrainCheckpointPayload(GrainCheckpointPayload.CurrentVersion, json, null, null).Encode();
        Assert.Equal(Compressed, bytes[0]);
        Assert.True(bytes.Length < json.Length / 2, $"{bytes.Length} bytes for {json.Length} of JSON");
        Assert.Equal(json, GrainCheckpointPayload.Decode(bytes).State);
    }

    [Fact]
    public void A_position_state_checkpoint_is_smaller_in_binary_than_compressed_json()
    {
        foreach (var state in Scenario().Positions.Values)
        {
            var binary = new GrainCheckpointPayload(GrainCheckpointPayload.CurrentVersion, Encode(state, Positions), null, null).Encode();
            var json = new GrainCheckpointPayload(GrainCheckpointPayload.CurrentVersion, LegacyJson(state), null, null).Encode();
            Assert.True(binary.Length < json.Length, $"binary {binary.Length} bytes, compressed JSON {json.Length}");
        }
    }
}
