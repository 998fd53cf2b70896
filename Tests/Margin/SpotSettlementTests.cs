using Trading.Grains.Margin;
using static Trading.Tests.Margin.TestSpecs;

namespace Trading.Tests.Margin;

/// <summary>Spot symbols: reservations in quote (buys) or base (sells), balances move directly, no positions.</summary>
public class SpotSettlementTests
{
    private static readonly Trading.Grains.Symbols.SymbolSpec Spot = BtcSpot;

    [Fact]
    public void Buy_reserves_quote_and_a_fill_moves_both_balances()
    {
        var a = Funded(50_000);
        var check = a.Place(Spot, 1, TradeSide.Buy, 40_000m, 0.5m);
        Assert.True(check.Accepted);
        Assert.Equal("USDT", check.ReservedAsset);
        Assert.Equal(U(20_020), check.ReservedAmount); // 20,000 + 0.1% taker fee
        Assert.Equal(U(29_980), a.AvailableBalance("USDT"));

        var s = a.Fill(Spot, 1, TradeSide.Buy, 39_990m, 0.5m, maker: true);
        Assert.Equal(U(19.995m), s.Fee);
        Assert.Equal(U(20_020), s.ReservationReleased);
        Assert.Equal(U(50_000 - 19_995 - 19.995m), a.WalletBalance("USDT"));
        Assert.Equal(U(0.5m), a.WalletBalance("BTC"));
        Assert.Null(a.GetPosition(Spot.Symbol));
        Assert.Equal(0, a.ReservedForOrders("USDT"));
    }

    [Fact]
    public void Sell_reserves_base_and_is_rejected_beyond_the_available_base()
    {
        var a = Funded(1_000);
        Assert.Equal(RejectReason.None, a.Deposit("BTC", U(0.5m), 1));
        var check = a.Place(Spot, 1, TradeSide.Sell, 41_000m, 0.2m);
        Assert.Equal("BTC", check.ReservedAsset);
        Assert.Equal(U(0.2m), check.ReservedAmount);
        Assert.Equal(U(0.3m), a.AvailableBalance("BTC"));
        Assert.Equal(RejectReason.InsufficientBalance, a.Place(Spot, 2, TradeSide.Sell, 41_000m, 0.30001m).Reason);
        Assert.Equal(RejectReason.InsufficientBalance, a.Withdraw("BTC", U(0.30001m), 2));

        a.Fill(Spot, 1, TradeSide.Sell, 41_000m, 0.1m);
        Assert.Equal(U(0.1m), a.ReservedForOrders("BTC"));
        Assert.Equal(U(1_000 + 4_100 - 4.1m), a.WalletBalance("USDT"));
        Assert.Equal(U(0.4m), a.WalletBalance("BTC"));
        Assert.Equal(U(0.1m), a.CompleteOrder(1, 5).ReservationReleased);
        Assert.Equal(U(0.4m), a.AvailableBalance("BTC"));
        Assert.Equal(RejectReason.None, a.Withdraw("BTC", U(0.4m), 6));
        Assert.Equal(0, a.WalletBalance("BTC"));
    }

    [Fact]
    public void Withdraw_is_limited_to_available_and_deposits_must_be_positive()
    {
        var a = Funded(100);
        Assert.True(a.Place(Spot, 1, TradeSide.Buy, 10_000m, 0.005m).Accepted); // 50 + 0.05
        Assert.Equal(RejectReason.InsufficientBalance, a.Withdraw("USDT", U(49.96m), 2));
        Assert.Equal(RejectReason.None, a.Withdraw("USDT", U(49.95m), 2));
        Assert.Equal(0, a.AvailableBalance("USDT"));
        Assert.Equal(RejectReason.InvalidAmount, a.Deposit("USDT", 0, 3));
        Assert.Equal(RejectReason.InvalidAmount, a.Withdraw("USDT", -1, 3));
    }
}
