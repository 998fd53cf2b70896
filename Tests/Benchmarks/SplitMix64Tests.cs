using Trading.Benchmarks.Mix50;

namespace Trading.Tests.Benchmarks;

/// <summary>SplitMix64 and U(n) against the workload document's check values.</summary>
public sealed class SplitMix64Tests
{
    [Fact]
    public void Seed42_ProducesDocumentedValues()
    {
        var rng = new SplitMix64(42);
        Assert.Equal(0xBDD732262FEB6E95UL, rng.Next());
        Assert.Equal(0x28EFE333B266F103UL, rng.Next());
        Assert.Equal(0x47526757130F9F52UL, rng.Next());
    }

    [Fact]
    public void Seed0_ProducesDocumentedValue()
    {
        var rng = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, rng.Next());
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(26UL)]
    [InlineData(100UL)]
    [InlineData(1_000UL)]
    [InlineData(1UL << 32)]
    [InlineData(ulong.MaxValue)]
    public void U_IsHigh64BitsOfTheProduct(ulong n)
    {
        var rng = new SplitMix64(42);
        var reference = new SplitMix64(42);
        for (int i = 0; i < 1_000; i++)
        {
            ulong expected = (ulong)(((UInt128)reference.Next() * n) >> 64);
            ulong actual = rng.U(n);
            Assert.Equal(expected, actual);
            Assert.True(actual < n);
        }
    }

    [Fact]
    public void U_Seed42_FirstDraws()
    {
        // floor(0xBDD732262FEB6E95 * 100 / 2^64) = 74; floor(0x28EFE333B266F103 * 2 / 2^64) = 0.
        var rng = new SplitMix64(42);
        Assert.Equal(74, rng.U(100));
        Assert.Equal(0, rng.U(2));
    }

    [Fact]
    public void U_RejectsNonPositiveIntBound()
    {
        var rng = new SplitMix64(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.U(0));
    }
}
