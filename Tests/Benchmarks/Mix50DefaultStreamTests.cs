using Trading.Benchmarks.Mix50;

namespace Trading.Tests.Benchmarks;

/// <summary>The generated default stream against the figures published in WORKLOAD-mix50.md.</summary>
public sealed class Mix50DefaultStreamTests : IClassFixture<DefaultStreamFixture>
{
    private readonly Mix50Stream _stream;

    public Mix50DefaultStreamTests(DefaultStreamFixture fixture) => _stream = fixture.Stream;

    [Fact]
    public void HasDocumentedLength()
    {
        Assert.Equal(1_100_000, _stream.Commands.Length);
        Assert.Equal(100_000, _stream.Warmup.Length);
        Assert.Equal(1_000_000, _stream.Measured.Length);
    }

    [Fact]
    public void StreamHash_MatchesDocument()
    {
        Assert.Equal(0x8C7E090B99196D10UL, _stream.StreamHash);
        Assert.Equal(0x8C7E090B99196D10UL, Mix50StreamHash.Compute(_stream.Commands));
    }

    [Fact]
    public void FirstEightCommands_MatchDocument()
    {
        Mix50Command[] expected =
        [
            Mix50Command.Limit(1, isBuy: true, 99_987, 22, 801),
            Mix50Command.Limit(2, isBuy: false, 99_995, 67, 204),
            Mix50Command.Limit(3, isBuy: true, 99_985, 60, 620),
            Mix50Command.Limit(4, isBuy: true, 99_960, 79, 841),
            Mix50Command.Cancel(4),
            Mix50Command.Cancel(2),
            Mix50Command.Limit(5, isBuy: true, 99_976, 28, 775),
            Mix50Command.Cancel(1),
        ];

        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], _stream.Commands[i]);
        }
    }

    [Fact]
    public void MeasuredMix_MatchesDocument()
    {
        Mix50MixStats mix = _stream.MeasuredMix;
        Assert.Equal(499_170, mix.PassiveGtc);
        Assert.Equal(50_087, mix.Ioc);
        Assert.Equal(50_041, mix.Market);
        Assert.Equal(300_428, mix.Cancels);
        Assert.Equal(100_274, mix.CrossingGtc);
        Assert.Equal(1_000_000, mix.PassiveGtc + mix.Ioc + mix.Market + mix.Cancels + mix.CrossingGtc);
    }

    [Fact]
    public void MeasuredTradingCommands_MatchDocument()
    {
        // Every taker trades: 50,087 IOC + 50,041 market + 100,274 crossing GTC = 200,402.
        Assert.Equal(200_402, _stream.MeasuredMix.TradingCommands);
    }

    [Fact]
    public void EndOfStreamBook_MatchesDocument()
    {
        Assert.Equal(40, _stream.EndBidLevels);
        Assert.Equal(37, _stream.EndAskLevels);
        Assert.Equal(99_389, _stream.FinalMid);
    }

    [Fact]
    public void RestingSamples_MatchDocument()
    {
        Mix50MixStats mix = _stream.MeasuredMix;
        Assert.Equal(1_000, mix.RestingSamples);
        Assert.Equal(976, (int)Math.Round(mix.RestingMean));
        Assert.Equal(840, mix.RestingMin);
        Assert.Equal(1_043, mix.RestingMax);
    }

    [Fact]
    public void ExpectedOutcome_IsConsistent()
    {
        Mix50Outcome expected = _stream.Expected;
        Assert.True(expected.Trades > _stream.MeasuredMix.Trades);
        Assert.Equal(expected.Trades, _stream.WarmupMix.Trades + _stream.MeasuredMix.Trades);
        Assert.Equal(expected.TradedQty, _stream.WarmupMix.TradedQty + _stream.MeasuredMix.TradedQty);

        // Cancels always name an order that rests at that moment; replay the stream and check it.
        var book = new ShadowBook();
        var listener = new TradeHashListener();
        foreach (Mix50Command c in _stream.Commands)
        {
            if (c.Type == Mix50CommandType.Cancel)
            {
                Assert.True(book.Contains(c.OrderId));
            }

            book.Apply(c, ref listener);
        }

        Assert.Equal(expected, new Mix50Outcome(
            listener.Trades, listener.TradedQty, listener.Hash, book.RestingCount, book.ComputeRestingChecksum().Value));
    }

    [Fact]
    public void DeepFill_IsNotReachedByTheDefaultMeasuredSegment()
    {
        Mix50Command[] fill = Mix50DeepBook.Build(_stream, orders: 20_000, levelsPerSide: 1_000);
        (Mix50Outcome deep, long measuredTrades, long measuredQty) = Mix50DeepBook.Expect(_stream, fill);

        // The measured segment never reaches the deep levels: same trades, same quantity.
        Assert.Equal(_stream.MeasuredMix.Trades, measuredTrades);
        Assert.Equal(_stream.MeasuredMix.TradedQty, measuredQty);

        // Only a market order meeting an empty stream side can reach them; in the default stream that
        // happens once, in the warm-up, and partially fills one deep order, so none leaves the book.
        Assert.Equal(_stream.Expected.RestingOrders + 20_000, deep.RestingOrders);
        Assert.Equal(1, deep.Trades - _stream.Expected.Trades);
    }

    [Fact]
    public void Generation_IsDeterministic()
    {
        Mix50Stream again = Mix50Generator.Generate(Mix50Parameters.Default with { Measured = 50_000 });
        for (int i = 0; i < again.Commands.Length; i++)
        {
            Assert.Equal(_stream.Commands[i], again.Commands[i]);
        }
    }
}
