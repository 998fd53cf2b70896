using Trading.Runtime.State;

namespace Trading.Tests.Runtime.Providers;

public sealed class GrainCheckpointCodecTests
{
    [Theory]
    [InlineData(0, 0L, new byte[0])]
    [InlineData(11, 1L, new byte[] { 1 })]
    [InlineData(int.MaxValue, long.MaxValue, new byte[] { 0, 255, 7, 128 })]
    public void Encoding_round_trips(int partition, long offset, byte[] payload)
    {
        var bytes = GrainCheckpointCodec.Encode(new GrainCheckpoint(partition, offset, payload));
        Assert.Equal(GrainCheckpointCodec.CurrentVersion, bytes[0]);
        Assert.Equal(13 + payload.Length, bytes.Length);
        var decoded = GrainCheckpointCodec.Decode(bytes);
        Assert.Equal((partition, offset), (decoded.Partition, decoded.NextOffset));
        Assert.Equal(payload, decoded.Payload);
    }

    [Fact]
    public void Layout_is_version_then_little_endian_partition_and_offset_then_payload()
    {
        var bytes = GrainCheckpointCodec.Encode(new GrainCheckpoint(0x01020304, 0x0A0B0C0D0E0F1011, [0xEE]));
        Assert.Equal(new byte[] { 1, 4, 3, 2, 1, 0x11, 0x10, 0x0F, 0x0E, 0x0D, 0x0C, 0x0B, 0x0A, 0xEE }, bytes);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5 })]
    [InlineData(new byte[] { 255 })]
    public void Unknown_version_is_rejected(byte[] bytes)
    {
        var e = Assert.Throws<FormatException>(() => GrainCheckpointCodec.Decode(bytes));
        Assert.Contains($"version {bytes[0]}", e.Message);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    public void Truncated_value_is_rejected(byte[] bytes) =>
        Assert.Throws<FormatException>(() => GrainCheckpointCodec.Decode(bytes));
}
