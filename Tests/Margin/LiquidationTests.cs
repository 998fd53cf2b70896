using Trading.Grains.Margin;
using static Trading.Tests.Margin.TestSpecs;

namespace Trading.Tests.Margin;

/// <summary>
/// Liquidation price, trigger and settlement, against hand computations with the Binance one-way formula
/// LP = (WB + cum - side*qty*EP) / (qty*MMR - side*qty). BTCUSDT here: tick 0.1, step 0.001, no fees, brackets
/// (0,50k] 0.4% cum 0, (50k,250k] 0.5% cum 50, (250k,1M] 1% cum 1,300.
/// </summary>
public class LiquidationTests
{
    private static readonly Trading.Grains.Symbols.SymbolSpec Btc = BtcNoFee;
    private static readonly Trading.Grains.Symbols.SymbolSpec Eth = EthNoFee;

    private static Account IsolatedLong(long userId = 1)
    {
        var a = Funded(10_000, userId);
        Assert.Equal(RejectReason.None, a.SetPositionMode(Btc, PositionMode.Isolated, 1));
        Assert.Equal(RejectReason.None, a.SetLeverage(Btc, 10, 1));
        a.Fill(Btc, 100, TradeSide.Buy, 50_000m, 1m); // isolated margin 5,000
        return a;
    }

    [Fact]
    public void Isolated_long_liquidation_price_matches_the_binance_formula()
    {
        // Long 1 BTC at 50,000, 10x isolated: WB = 5,000; notional 50,000 is in bracket 1 (MMR 0.4%, cum 0).
        // LP = (5,000 + 0 - 1 * 50,000) / (1 * 0.004 - 1 * 1) = -45,000 / -0.996 = 45,180.7228915...
        // On the 0.1 tick grid, rounded up for a long: 45,180.8 = 451,808 ticks. Its notional 45,180.8 stays in bracket 1.
        var a = IsolatedLong();
        Assert.Equal(451_808, a.LiquidationPrice("BTCUSDT"));
        Assert.Equal(451_808, LiquidationPriceCalculator.LiquidationPrice(Btc, PositionSide.Long, 1_000, U(50_000), U(5_000), U(50_000)));
    }

    [Fact]
    public void Isolated_short_liquidation_price_is_recomputed_in_the_bracket_of_its_own_notional()
    {
        // Short 1 BTC at 50,000, WB 5,000. With bracket 1: (5,000 + 0 + 50,000) / (0.004 + 1) = 54,780.876... -> 547,808 ticks,
        // but 54,780.8 of notional is in bracket 2 (MMR 0.5%, cum 50): (5,000 + 50 + 50,000) / 1.005 = 54,776.119... ->
        // 547,761 ticks (rounded down for a short), whose notional 54,776.1 is in bracket 2: stable.
        Assert.Equal(547_808, LiquidationPriceCalculator.PriceWithBracket(Btc, PositionSide.Short, 1_000, U(50_000), U(5_000), Brackets[0]));
        Assert.Equal(547_761, LiquidationPriceCalculator.LiquidationPrice(Btc, PositionSide.Short, 1_000, U(50_000), U(5_000), U(50_000)));

        var a = Funded(10_000);
        Assert.Equal(RejectReason.None, a.SetPositionMode(Btc, PositionMode.Isolated, 1));
        Assert.Equal(RejectReason.None, a.SetLeverage(Btc, 10, 1));
        a.Fill(Btc, 1, TradeSide.Sell, 50_000m, 1m);
        Assert.Equal(547_761, a.LiquidationPrice("BTCUSDT"));
        // Trigger consistent with it: at 54,776.1 maintenance 273.8805 - 50 = 223.8805 < margin balance 5,000 - 4,776.1 = 223.9;
        // at 54,776.2 maintenance 223.881 >= 223.8.
        Assert.Empty(a.UpdateMarkPrice("BTCUSDT", 547_761, 2));
        Assert.Single(a.UpdateMarkPrice("BTCUSDT", 547_762, 3));
    }

    [Fact]
    public void Isolated_liquidation_triggers_at_risk_ratio_one_and_not_before_and_only_once()
    {
        var a = IsolatedLong();
        Assert.True(a.Place(Btc, 7, TradeSide.Buy, 40_000m, 0.1m).Accepted);
        Assert.True(a.ReservedForOrders("USDT") > 0);

        // At 45,180.8: maintenance 180.7232 < margin balance 5,000 - 4,819.2 = 180.8.
        Assert.Empty(a.UpdateMarkPrice("BTCUSDT", 451_808, 2));
        Assert.Equal(999_576, a.RiskRatioPpm("BTCUSDT"));
        Assert.Equal(PositionStatus.Open, a.GetPosition("BTCUSDT")!.Status);

        // At 45,180.7: maintenance 180.7228 >= margin balance 180.7.
        var orders = a.UpdateMarkPrice("BTCUSDT", 451_807, 3);
        var liq = Assert.Single(orders);
        Assert.True(a.RiskRatioPpm("BTCUSDT") >= 1_000_000);
        Assert.Equal(-1, liq.OrderId);
        Assert.Equal("BTCUSDT", liq.Symbol);
        Assert.Equal(TradeSide.Sell, liq.Side);
        Assert.Equal(1_000, liq.QtyLots);
        // Bankruptcy: 5,000 + (P - 50,000) = 0 at P = 45,000.
        Assert.Equal(450_000, liq.BankruptcyPriceTicks);
        Assert.True(liq.IsLiquidation);
        Assert.Equal(new long[] { 7 }, liq.CanceledOrderIds);
        Assert.Equal(0, a.ReservedForOrders("USDT"));
        Assert.Equal(PositionStatus.Liquidating, a.GetPosition("BTCUSDT")!.Status);
        Assert.Equal(LockStatus.FullyLocked, a.LockStatusOf("BTCUSDT"));

        Assert.Empty(a.UpdateMarkPrice("BTCUSDT", 440_000, 4));
        Assert.Equal(RejectReason.PositionLiquidating, a.Place(Btc, 8, TradeSide.Buy, 40_000m, 0.1m).Reason);
        Assert.Equal(RejectReason.PositionLiquidating, a.SetLeverage(Btc, 5, 4));
    }

    [Fact]
    public void Liquidation_fill_below_bankruptcy_draws_the_insurance_fund_and_the_trader_loses_only_the_isolated_margin()
    {
        var a = IsolatedLong();
        var liq = Assert.Single(a.UpdateMarkPrice("BTCUSDT", 451_000, 3));
        var s = a.SettleFill(Btc, new AccountFill(liq.OrderId, "BTCUSDT", TradeSide.Sell, 449_000, 1_000, 0, false, 5));
        Assert.Equal(U(-5_100), s.RealizedPnl);
        Assert.Equal(U(5_000), s.MarginReleased);
        Assert.Equal(U(100), s.InsuranceFundCovered);
        Assert.True(s.OrderCompleted);
        Assert.Equal(U(5_000), a.WalletBalance("USDT"));
        Assert.Equal(U(100), a.InsuranceFundCovered("USDT"));
        var p = a.GetPosition("BTCUSDT")!;
        Assert.Equal(PositionStatus.Flat, p.Status);
        Assert.Equal(0, p.IsolatedMargin);
        Assert.Equal(LockStatus.None, a.LockStatusOf("BTCUSDT"));
    }

    [Fact]
    public void A_liquidation_order_that_ends_unfilled_reopens_the_position_to_a_new_liquidation()
    {
        var a = IsolatedLong();
        var first = Assert.Single(a.UpdateMarkPrice("BTCUSDT", 451_000, 3));
        a.SettleFill(Btc, new AccountFill(first.OrderId, "BTCUSDT", TradeSide.Sell, 451_000, 400, 0, false, 4));
        Assert.Equal(PositionStatus.Liquidating, a.GetPosition("BTCUSDT")!.Status);
        Assert.True(a.CompleteOrder(first.OrderId, 5).Known);
        Assert.Equal(PositionStatus.Open, a.GetPosition("BTCUSDT")!.Status);
        var second = Assert.Single(a.UpdateMarkPrice("BTCUSDT", 450_500, 6));
        Assert.Equal(-2, second.OrderId);
        Assert.Equal(600, second.QtyLots);
    }

    [Fact]
    public void Cross_liquidation_price_uses_the_wallet_less_other_maintenance_plus_other_pnl_and_liquidates_every_cross_position()
    {
        // Wallet 20,000, cross: long 1 BTC at 50,000 and short 10 ETH at 3,000 (notional 30,000, MMR 0.4%: maintenance 120).
        var a = Funded(20_000);
        Assert.Equal(RejectReason.None, a.SetLeverage(Btc, 10, 1));
        Assert.Equal(RejectReason.None, a.SetLeverage(Eth, 10, 1));
        a.Fill(Btc, 1, TradeSide.Buy, 50_000m, 1m);
        a.Fill(Eth, 2, TradeSide.Sell, 3_000m, 10m);
        Assert.Empty(a.UpdateMarkPrice("ETHUSDT", 300_000, 2));
        Assert.Empty(a.UpdateMarkPrice("BTCUSDT", 500_000, 2));

        // BTC: WB = 20,000 - 120 + 0 = 19,880; LP = (19,880 + 0 - 50,000) / (0.004 - 1) = 30,240.9638... -> 30,241.0.
        Assert.Equal(302_410, a.LiquidationPrice("BTCUSDT"));
        // ETH: WB = 20,000 - 200 (BTC maintenance at 50,000) + 0; LP = (19,800 + 0 + 30,000) / (1.004) = 4,960.1593... -> 4,960.15.
        Assert.Equal(496_015, a.LiquidationPrice("ETHUSDT"));

        // Trigger: 0.004 P + 120 >= 20,000 + (P - 50,000)  <=>  P <= 30,240.96...
        Assert.Empty(a.UpdateMarkPrice("BTCUSDT", 302_410, 3));
        var orders = a.UpdateMarkPrice("BTCUSDT", 302_409, 4);
        Assert.Equal(2, orders.Count);
        Assert.Equal("BTCUSDT", orders[0].Symbol);
        Assert.Equal(TradeSide.Sell, orders[0].Side);
        Assert.Equal(1_000, orders[0].QtyLots);
        // BTC bankruptcy with ETH at its mark (PnL 0): 20,000 + (P - 50,000) = 0 -> 30,000.0.
        Assert.Equal(300_000, orders[0].BankruptcyPriceTicks);
        Assert.Equal("ETHUSDT", orders[1].Symbol);
        Assert.Equal(TradeSide.Buy, orders[1].Side);
        Assert.Equal(10_000, orders[1].QtyLots);
        // ETH bankruptcy with BTC at 30,240.9 (PnL -19,759.1): 240.9 + 30,000 - 10 P = 0 -> 3,024.09.
        Assert.Equal(302_409, orders[1].BankruptcyPriceTicks);
        Assert.All(orders, o => Assert.Equal(PositionMode.Cross, o.Mode));

        Assert.Empty(a.UpdateMarkPrice("BTCUSDT", 290_000, 5));
        Assert.Empty(a.UpdateMarkPrice("ETHUSDT", 310_000, 5));
    }

    [Fact]
    public void Check_liquidations_catches_a_cross_account_drained_by_a_loss_elsewhere_and_blocks_new_cross_orders()
    {
        var a = Funded(10_000);
        a.Fill(Btc, 1, TradeSide.Buy, 50_000m, 1m);
        // At 40,200: maintenance 160.8 < margin balance 10,000 - 9,800 = 200.
        Assert.Empty(a.UpdateMarkPrice("BTCUSDT", 402_000, 2));
        Assert.Empty(a.CheckLiquidations(3));
        // An ETH round trip loses 100: margin balance 100 < 160.8, although no mark moved.
        a.Fill(Eth, 2, TradeSide.Buy, 3_000m, 1m);
        a.Fill(Eth, 3, TradeSide.Sell, 2_900m, 1m);
        Assert.Equal(U(9_900), a.WalletBalance("USDT"));
        var liq = Assert.Single(a.CheckLiquidations(4));
        Assert.Equal("BTCUSDT", liq.Symbol);
        Assert.Empty(a.CheckLiquidations(5));
        Assert.Equal(RejectReason.PositionLiquidating, a.Place(Eth, 4, TradeSide.Buy, 3_000m, 1m).Reason);
        // Isolated positions are not blocked by the cross liquidation, only by the (here negative) available balance.
        Assert.Equal(RejectReason.None, a.SetPositionMode(Eth, PositionMode.Isolated, 6));
        Assert.True(a.AvailableBalance("USDT") < 0);
        Assert.Equal(RejectReason.InsufficientBalance, a.Place(Eth, 5, TradeSide.Buy, 10m, 1m).Reason);
    }

    [Fact]
    public void Cross_liquidation_fill_loss_beyond_the_wallet_is_covered_by_the_insurance_fund()
    {
        var a = Funded(10_000);
        Assert.Equal(RejectReason.None, a.SetLeverage(Btc, 10, 1));
        a.Fill(Btc, 1, TradeSide.Buy, 50_000m, 1m);
        var liq = Assert.Single(a.UpdateMarkPrice("BTCUSDT", 400_000, 2));
        Assert.Equal(400_000, liq.BankruptcyPriceTicks); // 10,000 + (P - 50,000) = 0
        var s = a.SettleFill(Btc, new AccountFill(liq.OrderId, "BTCUSDT", TradeSide.Sell, 399_000, 1_000, 0, false, 3));
        Assert.Equal(U(-10_100), s.RealizedPnl);
        Assert.Equal(U(100), s.InsuranceFundCovered);
        Assert.Equal(0, a.WalletBalance("USDT"));
    }
}
