using System.Text;
using System.Text.Json;
using Trading.Runtime.Grains;
using Trading.Runtime.Messaging;

namespace Trading.Tests.Runtime.Core;

public sealed class GrainCheckpointPayloadTests
{
    private static readonly Dictionary<string, GrainTimerState> Timers = new() { ["tick"] = new GrainTimerState(1000, 1_795_000_000_000, 7) };
    private static readonly Dictionary<string, DedupSourceState> Dedup = new() { ["client-1"] = new DedupSourceState(41, [42, 44]) };

    [Fact]
    public void State_timers_and_dedup_round_trip_in_the_binary_form()
    {
        var state = Encoding.UTF8.GetBytes("{\"balance\":100}");
        var bytes = new GrainCheckpointPayload(GrainCheckpointPayload.CurrentVersion, state, Timers, Dedup).Encode();
        Assert.NotEqual((byte)'{', bytes[0]);
        AssertHoldsTheFixtures(GrainCheckpointPayload.Decode(bytes), state);
    }

    [Fact]
    public void A_grain_without_state_round_trips_as_null_and_an_empty_state_as_empty()
    {
        Assert.Null(GrainCheckpointPayload.Decode(new GrainCheckpointPayload(2, null, null, null).Encode()).State);
        Assert.Equal([], GrainCheckpointPayload.Decode(new GrainCheckpointPayload(2, [], null, null).Encode()).State!);
    }

    [Fact]
    public void Checkpoints_written_in_the_version_1_json_form_are_still_read()
    {
        var state = Encoding.UTF8.GetBytes("{\"x\":1}");
        var legacy = JsonSerializer.SerializeToUtf8Bytes(new GrainCheckpointPayload(1, state, Timers, Dedup), MessageTypeRegistry.JsonOptions);
        var decoded = GrainCheckpointPayload.Decode(legacy);
        Assert.Equal(state, decoded.State);
        Assert.Equal(1000, decoded.Timers!["tick"].PeriodMs);
    }

    [Fact]
    public void Checkpoints_written_in_the_version_2_form_with_json_bookkeeping_are_still_read()
    {
        var state = Encoding.UTF8.GetBytes("{\"balance\":100}");
        var json = JsonSerializer.SerializeToUtf8Bytes(new { timers = Timers, dedup = Dedup }, MessageTypeRegistry.JsonOptions);
        var bytes = new byte[5 + state.Length + json.Length];
        bytes[0] = 0xC2;
        BitConverter.TryWriteBytes(bytes.AsSpan(1), state.Length);
        state.CopyTo(bytes, 5);
        json.CopyTo(bytes, 5 + state.Length);
        var decoded = GrainCheckpointPayload.Decode(bytes);
        Assert.Equal(2, decoded.Version);
        AssertHoldsTheFixtures(decoded, state);
    }

    /// <summary>The state given, and exactly the fixtures' timer and dedup window.</summary>
    private static void AssertHoldsTheFixtures(GrainCheckpointPayload decoded, byte[] state)
    {
        Assert.Equal(state, decoded.State);
        Assert.Equal(Timers["tick"], decoded.Timers!["tick"]);
        Assert.Equal(Dedup["client-1"].Recent, decoded.Dedup!["client-1"].Recent);
        Assert.Equal(Dedup["client-1"].Floor, decoded.Dedup["client-1"].Floor);
    }

    [Fact]
    public void Dedup_windows_of_any_sequences_round_trip_exactly_and_a_full_rising_window_takes_a_few_bytes_a_sequence()
    {
        var random = new Random(7);
        var rising = new long[4096];
        rising[0] = 1_796_176_310_133_000_459;
        for (var i = 1; i < rising.Length; i++) rising[i] = rising[i - 1] + random.Next(1, 3000);
        long[] odd = [long.MaxValue, long.MinValue, 0, -1, long.MaxValue, 5, long.MinValue + 1];
        var dedup = new Dictionary<string, DedupSourceState>
        {
            ["client/vm-1"] = new(long.MinValue, rising),
            ["OrderBook/BTCUSDT"] = new(17, odd),
            ["empty"] = new(-3, []),
        };
        var timers = new Dictionary<string, GrainTimerState> { ["a"] = new(1, -2, long.MaxValue), ["b"] = new(60_000, 1_795_000_000_000, 0) };
        var bytes = new GrainCheckpointPayload(GrainCheckpointPayload.CurrentVersion, [0, 1, 2], timers, dedup).Encode();
        var decoded = GrainCheckpointPayload.Decode(bytes);
        Assert.Equal(GrainCheckpointPayload.CurrentVersion, decoded.Version);
        Assert.Equal([0, 1, 2], decoded.State);
        Assert.Equal(["client/vm-1", "OrderBook/BTCUSDT", "empty"], decoded.Dedup!.Keys);
        foreach (var (source, window) in dedup)
        {
            Assert.Equal(window.Floor, decoded.Dedup[source].Floor);
            Assert.Equal(window.Recent, decoded.Dedup[source].Recent);
        }
        Assert.Equal(timers["a"], decoded.Timers!["a"]);
        Assert.Equal(timers["b"], decoded.Timers["b"]);
        // JSON wrote each of these sequences with 19 digits and a comma: 80 KB for the window.
        Assert.True(bytes.Length < 3 * rising.Length, $"{bytes.Length} bytes for {rising.Length} sequences");
    }

    [Theory]
    [InlineData(new byte[] { 0xC4, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F })] // no state, a timer count far beyond the bytes
    [InlineData(new byte[] { 0xC4, 0, 0, 0, 0, 0 })] // no state, timers null, dedup count missing
    [InlineData(new byte[] { 0xC4, 0, 0, 0, 0, 0, 0, 7 })] // bytes left after the bookkeeping
    [InlineData(new byte[] { 0xC4, 0, 0, 0, 0, 0, 2, 0, 1, 2, 3 })] // a dedup source without a name
    public void Garbled_binary_bookkeeping_is_a_format_error(byte[] bytes) =>
        Assert.Throws<FormatException>(() => GrainCheckpointPayload.Decode(bytes));

    [Theory]
    [InlineData(new byte[] { 0xC2, 1, 0 })]
    [InlineData(new byte[] { 0xC2, 0x10, 0, 0, 0, 1, 2 })]
    [InlineData(new byte[] { (byte)'{', (byte)'x' })]
    public void Truncated_or_garbled_payloads_are_format_errors(byte[] bytes) =>
        Assert.Throws<FormatException>(() => GrainCheckpointPayload.Decode(bytes));

    [Fact]
    public void Large_states_are_stored_compressed_and_read_back_exactly()
    {
        var state = Encoding.UTF8.GetBytes("{\"orders\":[" + string.Join(",", Enumerable.Range(0, 500).Select(i => $"{{\"id\":{i},\"price\":\"50000.{i % 10}\"}}")) + "]}");
        Assert.True(state.Length > GrainCheckpointPayload.CompressAbove);
        var bytes = new GrainCheckpointPayload(GrainCheckpointPayload.CurrentVersion, state, Timers, Dedup).Encode();
        Assert.True(bytes.Length < state.Length / 2, $"{bytes.Length} bytes for a {state.Length}-byte state");
        var decoded = GrainCheckpointPayload.Decode(bytes);
        Assert.Equal(state, decoded.State);
        Assert.Equal(7, decoded.Timers!["tick"].LastTick);
    }

    [Fact]
    public void A_corrupted_compressed_state_is_a_format_error()
    {
        var state = new byte[4096];
        new Random(1).NextBytes(state.AsSpan(0, 100));
        var bytes = new GrainCheckpointPayload(GrainCheckpointPayload.CurrentVersion, state, null, null).Encode();
        for (var i = 5; i < 25; i++) bytes[i] ^= 0xFF;
        Assert.Throws<FormatException>(() => GrainCheckpointPayload.Decode(bytes));
    }
}
