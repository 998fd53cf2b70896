using Trading.Grains.Margin;
using static Trading.Tests.Margin.TestSpecs;

namespace Trading.Tests.Margin;

/// <summary>Worked examples of fill settlement on perpetual positions, with exact integers.</summary>
public class PositionSettlementTests
{
    private static readonly Trading.Grains.Symbols.SymbolSpec Btc = TestSpecs.Btc;

    [Fact]
    public void Open_long_isolated_reserves_margin_plus_taker_fee_then_posts_margin_and_charges_fee()
    {
        var a = Funded(10_000);
        Assert.Equal(RejectReason.None, a.SetPositionMode(Btc, PositionMode.Isolated, 1));
        Assert.Equal(RejectReason.None, a.SetLeverage(Btc, 10, 1));

        var check = a.Place(Btc, 1, TradeSide.Buy, 50_000m, 1m);
        Assert.True(check.Accepted);
        // 50,000 / 10 = 5,000 margin + 0.04% * 50,000 = 20 taker fee.
        Assert.Equal(U(5_020), check.ReservedAmount);
        Assert.Equal(U(4_980), a.AvailableBalance("USDT"));

        var s = a.Fill(Btc, 1, TradeSide.Buy, 50_000m, 1m);
        Assert.Equal(U(20), s.Fee);
        Assert.Equal(U(5_020), s.ReservationReleased);
        Assert.Equal(U(5_000), s.MarginPosted);
        Assert.True(s.OrderCompleted);

        var p = a.GetPosition("BTCUSDT")!;
        Assert.Equal(PositionSide.Long, p.Side);
        Assert.Equal(1_000, p.Quantity);
        Assert.Equal(U(50_000), p.EntryNotional);
        Assert.Equal(500_000, p.AverageEntryPriceTicks);
        Assert.Equal(U(5_000), p.IsolatedMargin);
        Assert.Equal(PositionStatus.Open, p.Status);
        Assert.Equal(U(9_980), a.WalletBalance("USDT"));
        Assert.Equal(U(4_980), a.AvailableBalance("USDT"));
        Assert.Equal(0, a.ReservedForOrders("USDT"));
    }

    [Fact]
    public void Open_short_cross_uses_initial_margin_at_mark_and_counts_unrealized_loss()
    {
        var a = Funded(10_000);
        Assert.Equal(RejectReason.None, a.SetLeverage(Btc, 20, 1));
        Assert.True(a.Place(Btc, 1, TradeSide.Sell, 40_000m, 0.5m).Accepted);
        var s = a.Fill(Btc, 1, TradeSide.Sell, 40_000m, 0.5m, maker: true);
        Assert.Equal(U(4), s.Fee); // 0.02% of 20,000

        var p = a.GetPosition("BTCUSDT")!;
        Assert.Equal(PositionSide.Short, p.Side);
        Assert.Equal(-500, p.SignedQuantity);
        Assert.Equal(PositionMode.Cross, p.Mode);
        Assert.Equal(U(9_996), a.WalletBalance("USDT"));
        Assert.Equal(U(9_996 - 1_000), a.AvailableBalance("USDT")); // IM 20,000/20 at entry (no mark yet)

        Assert.Empty(a.UpdateMarkPrice("BTCUSDT", Btc.P(41_000m), 30));
        Assert.Equal(U(-500), p.UnrealizedPnl);
        // IM at mark 20,500/20 = 1,025, and the unrealized loss of 500 counts.
        Assert.Equal(U(9_996 - 1_025 - 500), a.AvailableBalance("USDT"));
    }

    [Fact]
    public void Adding_to_a_position_keeps_the_exact_entry_notional_and_rounds_only_the_displayed_average()
    {
        var a = Funded(1_000_000);
        a.Fill(Btc, 1, TradeSide.Buy, 50_000.0m, 1m);
        a.Fill(Btc, 2, TradeSide.Buy, 50_000.1m, 2m);
        var p = a.GetPosition("BTCUSDT")!;
        Assert.Equal(3_000, p.Quantity);
        Assert.Equal(U(150_000.2m), p.EntryNotional); // 50,000 + 2 * 50,000.1
        // 150,000.2 / 3 = 50,000.0666.. = 500,000.67 ticks, displayed as 500,001.
        Assert.Equal(500_001, p.AverageEntryPriceTicks);
    }

    [Fact]
    public void Partial_close_realizes_pnl_with_the_entry_share_rounded_against_the_trader_and_the_full_close_is_exact()
    {
        var a = Funded(1_000_000);
        a.Fill(Btc, 1, TradeSide.Buy, 50_000.0m, 1m);
        a.Fill(Btc, 2, TradeSide.Buy, 50_000.1m, 2m);

        var first = a.Fill(Btc, 3, TradeSide.Sell, 51_000m, 1m);
        // Entry share of 1 of 3: ceil(15,000,020,000,000 / 3) = 5,000,006,666,667 units (long cost rounds up).
        Assert.Equal(5_100_000_000_000 - 5_000_006_666_667, first.RealizedPnl);
        var p = a.GetPosition("BTCUSDT")!;
        Assert.Equal(15_000_020_000_000 - 5_000_006_666_667, p.EntryNotional);
        Assert.Equal(2_000, p.Quantity);

        var second = a.Fill(Btc, 4, TradeSide.Sell, 51_000m, 2m);
        Assert.Equal(10_200_000_000_000 - 10_000_013_333_333, second.RealizedPnl);
        // Over the whole life: 3 * 51,000 - 150,000.2 = 2,999.8 exactly.
        Assert.Equal(U(2_999.8m), p.RealizedPnl);
        Assert.Equal(PositionSide.Flat, p.Side);
        Assert.Equal(PositionStatus.Flat, p.Status);
        Assert.Equal(0, p.EntryNotional);
    }

    [Fact]
    public void Partial_close_of_a_short_rounds_the_entry_share_down_so_the_trader_never_gains_from_rounding()
    {
        var a = Funded(1_000_000);
        a.Fill(Btc, 1, TradeSide.Sell, 50_000.0m, 1m);
        a.Fill(Btc, 2, TradeSide.Sell, 50_000.1m, 2m);
        var s = a.Fill(Btc, 3, TradeSide.Buy, 49_000m, 1m);
        // Entry share of 1 of 3: floor(15,000,020,000,000 / 3) = 5,000,006,666,666 (a short's proceeds round down).
        Assert.Equal(5_000_006_666_666 - 4_900_000_000_000, s.RealizedPnl);
        Assert.Equal(15_000_020_000_000 - 5_000_006_666_666, a.GetPosition("BTCUSDT")!.EntryNotional);
        a.Fill(Btc, 4, TradeSide.Buy, 49_000m, 2m);
        Assert.Equal(U(150_000.2m - 147_000), a.GetPosition("BTCUSDT")!.RealizedPnl);
    }

    [Fact]
    public void Closing_at_the_entry_price_realizes_exactly_zero_and_the_wallet_loses_exactly_the_fees()
    {
        var a = Funded(10_000);
        Assert.True(a.Place(Btc, 1, TradeSide.Buy, 50_000m, 1.5m).Accepted);
        a.Fill(Btc, 1, TradeSide.Buy, 50_000m, 1.5m); // taker 0.04% of 75,000 = 30
        Assert.True(a.Place(Btc, 2, TradeSide.Sell, 50_000m, 0.7m, OrderIntent.Close).Accepted);
        Assert.Equal(0, a.Fill(Btc, 2, TradeSide.Sell, 50_000m, 0.7m, maker: true).RealizedPnl); // fee 7
        Assert.Equal(0, a.Fill(Btc, 3, TradeSide.Sell, 50_000m, 0.8m, maker: true).RealizedPnl); // fee 8
        Assert.Equal(0, a.GetPosition("BTCUSDT")!.RealizedPnl);
        Assert.Equal(U(10_000 - 30 - 7 - 8), a.WalletBalance("USDT"));
        Assert.Equal(U(45), a.FeesPaid("USDT"));
        Assert.Equal(a.WalletBalance("USDT"), a.AvailableBalance("USDT"));
    }

    [Fact]
    public void A_fill_through_zero_closes_with_pnl_and_opens_the_rest_at_the_fill_price()
    {
        var a = Funded(100_000);
        Assert.Equal(RejectReason.None, a.SetPositionMode(Btc, PositionMode.Isolated, 1));
        Assert.Equal(RejectReason.None, a.SetLeverage(Btc, 10, 1));
        Assert.True(a.Place(Btc, 1, TradeSide.Buy, 50_000m, 1m).Accepted);
        a.Fill(Btc, 1, TradeSide.Buy, 50_000m, 1m); // fee 20, margin 5,000

        // OPEN sell 3 against a long 1: 1 is locked (reduces), 2 open and need margin 98,000/10 plus fee on 3 at 49,000.
        var check = a.Place(Btc, 2, TradeSide.Sell, 49_000m, 3m);
        Assert.True(check.Accepted);
        Assert.Equal(1_000, check.LockedQty);
        Assert.Equal(2_000, check.OpeningQty);
        Assert.Equal(U(9_800 + 58.8m), check.ReservedAmount);

        var s = a.Fill(Btc, 2, TradeSide.Sell, 49_000m, 3m);
        Assert.Equal(U(-1_000), s.RealizedPnl);
        Assert.Equal(U(5_000), s.MarginReleased);
        Assert.Equal(U(9_800), s.MarginPosted);
        Assert.Equal(U(58.8m), s.Fee);
        var p = a.GetPosition("BTCUSDT")!;
        Assert.Equal(PositionSide.Short, p.Side);
        Assert.Equal(2_000, p.Quantity);
        Assert.Equal(U(98_000), p.EntryNotional);
        Assert.Equal(U(9_800), p.IsolatedMargin);
        Assert.Equal(U(100_000 - 20 - 1_000 - 58.8m), a.WalletBalance("USDT"));
        Assert.Equal(0, a.ReservedForOrders("USDT"));
        Assert.Equal(0, a.LockedQuantity("BTCUSDT"));
    }

    [Fact]
    public void Maker_rebate_is_credited_and_taker_fee_charged()
    {
        var rebate = Btc with { MakerFeePpm = -100 };
        var a = Funded(10_000);
        var s = a.SettleFill(rebate, new AccountFill(1, "BTCUSDT", TradeSide.Buy, rebate.P(50_000m), 1_000,
            Trading.Grains.Symbols.Fees.Compute(U(50_000), rebate.MakerFeePpm), true, 5));
        Assert.Equal(U(-5), s.Fee);
        Assert.Equal(U(10_005), a.WalletBalance("USDT"));
        a.Fill(Btc, 2, TradeSide.Sell, 50_000m, 1m);
        Assert.Equal(U(10_005 - 20), a.WalletBalance("USDT"));
        Assert.Equal(U(15), a.FeesPaid("USDT"));
    }
}
