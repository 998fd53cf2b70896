using Trading.Grains.Margin;
using static Trading.Tests.Margin.TestSpecs;

namespace Trading.Tests.Margin;

/// <summary>Pre-trade checks, reservations, leverage rules and position locks.</summary>
public class OrderAdmissionTests
{
    private static readonly Trading.Grains.Symbols.SymbolSpec Btc = TestSpecs.Btc;

    private static Account LongOneBtcIsolated(decimal deposit, int leverage = 10)
    {
        var a = Funded(deposit);
        Assert.Equal(RejectReason.None, a.SetPositionMode(Btc, PositionMode.Isolated, 1));
        Assert.Equal(RejectReason.None, a.SetLeverage(Btc, leverage, 1));
        a.Fill(Btc, 100, TradeSide.Buy, 50_000m, 1m); // taker fee 20
        return a;
    }

    [Fact]
    public void Reservation_is_recomputed_on_partial_fill_and_released_on_cancel()
    {
        var a = Funded(10_000);
        Assert.Equal(RejectReason.None, a.SetPositionMode(Btc, PositionMode.Isolated, 1));
        Assert.Equal(RejectReason.None, a.SetLeverage(Btc, 10, 1));
        Assert.Equal(U(5_020), a.Place(Btc, 1, TradeSide.Buy, 50_000m, 1m).ReservedAmount);

        var s = a.Fill(Btc, 1, TradeSide.Buy, 49_000m, 0.4m, maker: true);
        // Remaining 0.6 at 50,000: 3,000 margin + 12 fee = 3,012 stays reserved.
        Assert.Equal(U(5_020 - 3_012), s.ReservationReleased);
        Assert.False(s.OrderCompleted);
        Assert.Equal(U(3_012), a.ReservedForOrders("USDT"));
        Assert.Equal(U(1_960), a.GetPosition("BTCUSDT")!.IsolatedMargin);

        var r = a.CompleteOrder(1, 30);
        Assert.True(r.Known);
        Assert.Equal(U(3_012), r.ReservationReleased);
        Assert.Equal(0, a.ReservedForOrders("USDT"));
        Assert.Equal(U(10_000 - 3.92m - 1_960), a.AvailableBalance("USDT"));
        Assert.False(a.CompleteOrder(1, 31).Known);
    }

    [Fact]
    public void Open_order_is_rejected_without_enough_available_balance_and_reserves_nothing()
    {
        var a = Funded(5_019.99m);
        Assert.Equal(RejectReason.None, a.SetLeverage(Btc, 10, 1));
        Assert.Equal(RejectReason.InsufficientBalance, a.Place(Btc, 1, TradeSide.Buy, 50_000m, 1m).Reason);
        Assert.Equal(0, a.ReservedForOrders("USDT"));
        Assert.True(a.Place(Btc, 2, TradeSide.Buy, 50_000m, 0.999m).Accepted);
        Assert.Equal(RejectReason.DuplicateOrderId, a.Place(Btc, 2, TradeSide.Buy, 50_000m, 0.001m).Reason);
        Assert.Equal(RejectReason.InvalidOrderId, a.Place(Btc, 0, TradeSide.Buy, 50_000m, 0.001m).Reason);
        Assert.Equal(RejectReason.NotionalTooSmall, a.Place(Btc, 3, TradeSide.Buy, 4_000m, 0.001m).Reason);
        Assert.Equal(RejectReason.InvalidPrice, a.TryPlaceOrder(Btc, new OrderRequest(4, TradeSide.Buy, OrderIntent.Open, 0, 1, 1)).Reason);
        Assert.Equal(RejectReason.InvalidQuantity, a.TryPlaceOrder(Btc, new OrderRequest(5, TradeSide.Buy, OrderIntent.Open, 1, 0, 1)).Reason);
    }

    [Fact]
    public void Open_order_beyond_the_leverage_bracket_is_rejected()
    {
        var a = Funded(1_000_000);
        Assert.Equal(RejectReason.None, a.SetLeverage(Btc, 125, 1));
        Assert.True(a.Place(Btc, 1, TradeSide.Buy, 50_000m, 1m).Accepted); // 50,000: first bracket, 125x
        // 50,000 + 0.001 * 50,000 is in the second bracket (100x max).
        Assert.Equal(RejectReason.LeverageExceedsBracket, a.Place(Btc, 2, TradeSide.Buy, 50_000m, 0.001m).Reason);
        // A sell opens the other way: its own exposure is only 50.
        Assert.True(a.Place(Btc, 3, TradeSide.Sell, 50_000m, 0.001m).Accepted);
        Assert.Equal(RejectReason.NotionalExceedsMaxBracket, a.Place(Btc, 4, TradeSide.Sell, 50_000m, 400m).Reason);
    }

    [Fact]
    public void Leverage_change_is_bounded_by_symbol_and_bracket_and_needs_margin_when_lowered()
    {
        var a = LongOneBtcIsolated(6_000); // wallet 5,980, margin 5,000, available 980
        Assert.Equal(U(980), a.AvailableBalance("USDT"));
        Assert.Equal(RejectReason.InvalidLeverage, a.SetLeverage(Btc, 0, 2));
        Assert.Equal(RejectReason.InvalidLeverage, a.SetLeverage(Btc, 126, 2));
        Assert.Equal(RejectReason.InsufficientMarginForLeverage, a.SetLeverage(Btc, 5, 2)); // needs 5,000 more
        Assert.Equal(10, a.GetPosition("BTCUSDT")!.Leverage);

        // 9x: ceil(50,000 / 9) = 5,555.55555556, top-up 555.55555556 <= 980.
        Assert.Equal(RejectReason.None, a.SetLeverage(Btc, 9, 3));
        Assert.Equal(555_555_555_556, a.GetPosition("BTCUSDT")!.IsolatedMargin);
        Assert.Equal(9, a.GetPosition("BTCUSDT")!.Leverage);
        // Raising leverage releases nothing.
        Assert.Equal(RejectReason.None, a.SetLeverage(Btc, 20, 4));
        Assert.Equal(555_555_555_556, a.GetPosition("BTCUSDT")!.IsolatedMargin);

        // 1.2 BTC notional at 50,000 = 60,000 is in the second bracket: 125x is not allowed, 100x is.
        a.Fill(Btc, 101, TradeSide.Buy, 50_000m, 0.2m);
        Assert.Equal(RejectReason.LeverageExceedsBracket, a.SetLeverage(Btc, 125, 5));
        Assert.Equal(RejectReason.None, a.SetLeverage(Btc, 100, 5));
    }

    [Fact]
    public void Leverage_change_recomputes_open_order_reservations_and_counts_them()
    {
        var a = Funded(10_000);
        Assert.Equal(RejectReason.None, a.SetLeverage(Btc, 10, 1));
        Assert.Equal(U(5_020), a.Place(Btc, 1, TradeSide.Buy, 50_000m, 1m).ReservedAmount);
        Assert.Equal(RejectReason.InsufficientMarginForLeverage, a.SetLeverage(Btc, 1, 2)); // would need 50,020
        // 5x: 10,020 reserved, 5,000 more than now, available is 4,980.
        Assert.Equal(RejectReason.InsufficientMarginForLeverage, a.SetLeverage(Btc, 5, 2));
        Assert.Equal(U(5_020), a.ReservedForOrders("USDT"));
        // 6x: ceil(50,000 / 6) = 8,333.33333334 + 20 fee.
        Assert.Equal(RejectReason.None, a.SetLeverage(Btc, 6, 2));
        Assert.Equal(833_333_333_334 + U(20), a.ReservedForOrders("USDT"));
        // Raising leverage releases reservation.
        Assert.Equal(RejectReason.None, a.SetLeverage(Btc, 50, 3));
        Assert.Equal(U(1_000 + 20), a.ReservedForOrders("USDT"));
    }

    [Fact]
    public void Lock_status_follows_close_orders_and_fills()
    {
        var a = LongOneBtcIsolated(10_000);
        Assert.Equal(LockStatus.None, a.LockStatusOf("BTCUSDT"));
        var c1 = a.Place(Btc, 1, TradeSide.Sell, 51_000m, 0.4m, OrderIntent.Close);
        Assert.True(c1.Accepted);
        Assert.Equal(400, c1.LockedQty);
        Assert.Equal(0, c1.ReservedAmount);
        Assert.Equal(LockStatus.PartiallyLocked, a.LockStatusOf("BTCUSDT"));
        Assert.Equal(600, a.AvailableQuantity("BTCUSDT"));

        Assert.True(a.Place(Btc, 2, TradeSide.Sell, 52_000m, 0.6m, OrderIntent.Close).Accepted);
        Assert.Equal(LockStatus.FullyLocked, a.LockStatusOf("BTCUSDT"));
        Assert.Equal(RejectReason.InsufficientUnlockedQuantity, a.Place(Btc, 3, TradeSide.Sell, 52_000m, 0.001m, OrderIntent.Close).Reason);

        Assert.Equal(400, a.CompleteOrder(1, 30).LockReleased);
        Assert.Equal(LockStatus.PartiallyLocked, a.LockStatusOf("BTCUSDT"));
        Assert.Equal(600, a.LockedQuantity("BTCUSDT"));

        var s = a.Fill(Btc, 2, TradeSide.Sell, 52_000m, 0.6m);
        Assert.True(s.OrderCompleted);
        Assert.Equal(U(1_200), s.RealizedPnl);
        Assert.Equal(LockStatus.None, a.LockStatusOf("BTCUSDT"));
        Assert.Equal(400, a.AvailableQuantity("BTCUSDT"));
    }

    [Fact]
    public void Partial_fill_of_a_close_order_consumes_its_lock_and_keeps_the_rest_locked()
    {
        var a = LongOneBtcIsolated(10_000);
        Assert.True(a.Place(Btc, 1, TradeSide.Sell, 51_000m, 0.6m, OrderIntent.Close).Accepted);
        var s = a.Fill(Btc, 1, TradeSide.Sell, 51_000m, 0.2m, maker: true);
        Assert.Empty(s.OrdersToCancel);
        Assert.False(s.OrderCompleted);
        Assert.Equal(800, a.GetPosition("BTCUSDT")!.Quantity);
        Assert.Equal(400, a.LockedQuantity("BTCUSDT"));
        Assert.Equal(400, a.AvailableQuantity("BTCUSDT"));
        // 0.2 of 1 BTC closed: isolated margin released pro rata, 5,000 * 0.2 = 1,000.
        Assert.Equal(U(1_000), s.MarginReleased);
        Assert.Equal(U(200), s.RealizedPnl);
    }

    [Fact]
    public void Reduce_only_orders_are_rejected_with_explicit_reasons()
    {
        var flat = Funded(10_000);
        Assert.Equal(RejectReason.NoPositionToReduce, flat.Place(Btc, 1, TradeSide.Sell, 50_000m, 0.1m, OrderIntent.Close).Reason);

        var a = LongOneBtcIsolated(10_000);
        Assert.Equal(RejectReason.ReduceOnlyWrongSide, a.Place(Btc, 1, TradeSide.Buy, 50_000m, 0.1m, OrderIntent.Close).Reason);
        // More than the position would flip it: reduce-only may not flip.
        Assert.Equal(RejectReason.InsufficientUnlockedQuantity, a.Place(Btc, 2, TradeSide.Sell, 50_000m, 1.001m, OrderIntent.Close).Reason);
        Assert.Equal(0, a.LockedQuantity("BTCUSDT"));
        Assert.Equal(RejectReason.ReduceOnlyNotSupported, a.Place(BtcSpot, 3, TradeSide.Sell, 50_000m, 0.1m, OrderIntent.Close).Reason);
    }

    [Fact]
    public void Open_order_opposite_the_position_locks_the_reducing_part_and_a_fill_that_shrinks_the_position_cancels_reduce_only_orders()
    {
        var a = LongOneBtcIsolated(100_000);
        Assert.True(a.Place(Btc, 1, TradeSide.Sell, 51_000m, 0.5m, OrderIntent.Close).Accepted);
        var open = a.Place(Btc, 2, TradeSide.Sell, 50_000m, 0.8m);
        Assert.Equal(500, open.LockedQty);
        Assert.Equal(300, open.OpeningQty);
        // Margin only for the 0.3 beyond the position: 15,000 / 10 + fee on 0.8 (40,000 * 0.04% = 16).
        Assert.Equal(U(1_500 + 16), open.ReservedAmount);
        Assert.Equal(LockStatus.FullyLocked, a.LockStatusOf("BTCUSDT"));

        // The OPEN sell fills: the long shrinks to 0.2, so the reduce-only sell 0.5 could flip it: it is released.
        var s = a.Fill(Btc, 2, TradeSide.Sell, 50_000m, 0.8m);
        Assert.Equal(new long[] { 1 }, s.OrdersToCancel);
        Assert.Equal(200, a.GetPosition("BTCUSDT")!.Quantity);
        Assert.Equal(0, a.LockedQuantity("BTCUSDT"));
        Assert.False(a.CompleteOrder(1, 40).Known);
    }
}
