using System.Text.Json;
using Trading.Grains.Margin;
using static Trading.Tests.Margin.TestSpecs;

namespace Trading.Tests.Margin;

/// <summary>Snapshot content and restore equivalence.</summary>
public class SnapshotTests
{
    internal static string Json(Account a) => JsonSerializer.Serialize(a.ToSnapshot());

    private static Account Busy()
    {
        var a = Funded(100_000, userId: 42);
        Assert.Equal(RejectReason.None, a.Deposit("BTC", U(1), 1));
        Assert.Equal(RejectReason.None, a.SetPositionMode(Btc, PositionMode.Isolated, 1));
        Assert.Equal(RejectReason.None, a.SetLeverage(Btc, 10, 1));
        a.Fill(Btc, 1, TradeSide.Buy, 50_000m, 1m, time: 100);
        Assert.True(a.Place(Btc, 2, TradeSide.Sell, 51_000m, 0.3m, OrderIntent.Close, time: 110).Accepted);
        Assert.True(a.Place(Btc, 3, TradeSide.Buy, 49_000m, 0.2m, time: 120).Accepted);
        a.Fill(EthNoFee, 4, TradeSide.Sell, 3_000m, 2m, time: 130);
        Assert.True(a.Place(BtcSpot, 5, TradeSide.Sell, 60_000m, 0.1m, time: 140).Accepted);
        a.UpdateMarkPrice("BTCUSDT", Btc.P(49_500m), 150);
        a.UpdateMarkPrice("ETHUSDT", EthNoFee.P(3_100m), 150);
        return a;
    }

    [Fact]
    public void Snapshot_names_every_position_field()
    {
        var snap = Busy().ToSnapshot();
        var p = snap.Positions.Single(x => x.Symbol == "BTCUSDT");
        Assert.Equal(42, p.UserId);
        Assert.Equal(PositionSide.Long, p.Side);
        Assert.Equal(PositionMode.Isolated, p.PositionMode);
        Assert.Equal(1_000, p.Quantity);
        Assert.Equal(500_000, p.AveragePrice);
        Assert.Equal(U(-500), p.UnrealizedPnl);
        Assert.Equal(0, p.RealizedPnl);
        Assert.Equal(U(5_000), p.Margin);
        Assert.Equal(10, p.Leverage);
        Assert.Equal(451_808, p.LiquidationPrice);
        Assert.Equal(PositionStatus.Open, p.Status);
        Assert.Equal(300, p.LockedQuantity);
        Assert.Equal(700, p.AvailableQuantity);
        Assert.Equal(LockStatus.PartiallyLocked, p.LockStatus);
        Assert.Equal(100, p.CreateTime);
        Assert.Equal(100, p.UpdateTime);
        // Maintenance 49,500 * 0.4% = 198 against 5,000 - 500 = 4,500: 44,000 ppm.
        Assert.Equal(44_000, p.RiskRatio);
        Assert.Equal(3, snap.Orders.Count);
        Assert.Equal(2, snap.Reservations.Count);
        Assert.Single(snap.Locks);
        Assert.Contains(snap.Balances, b => b.Asset == "BTC" && b.ReservedForOrders == U(0.1m));

        var json = JsonSerializer.Serialize(snap);
        foreach (var name in new[] { "UserId", "Symbol", "Side", "PositionMode", "Quantity", "AveragePrice", "UnrealizedPnl", "RealizedPnl",
                     "Margin", "RiskRatio", "Leverage", "LiquidationPrice", "Status", "LockedQuantity", "AvailableQuantity", "LockStatus",
                     "CreateTime", "UpdateTime", "Reservations", "Locks", "Balances" })
            Assert.Contains($"\"{name}\"", json);
    }

    [Fact]
    public void Restore_reproduces_the_snapshot_and_behaves_identically_afterwards()
    {
        var original = Busy();
        var restored = Account.Restore(original.ToSnapshot(), Lookup);
        Assert.Equal(Json(original), Json(restored));

        foreach (var a in new[] { original, restored })
        {
            a.Fill(Btc, 2, TradeSide.Sell, 51_000m, 0.1m, time: 200);
            a.Fill(Btc, 3, TradeSide.Buy, 49_000m, 0.2m, time: 210);
            Assert.Equal(RejectReason.InsufficientUnlockedQuantity, a.Place(Btc, 6, TradeSide.Sell, 51_000m, 1m, OrderIntent.Close, time: 220).Reason);
            Assert.True(a.Place(Btc, 7, TradeSide.Sell, 52_000m, 0.5m, OrderIntent.Close, time: 220).Accepted);
            Assert.Equal(RejectReason.None, a.SetLeverage(EthNoFee, 5, 230));
            a.UpdateMarkPrice("BTCUSDT", Btc.P(40_000m), 240);
            a.CompleteOrder(5, 250);
        }
        Assert.Equal(Json(original), Json(restored));
        Assert.Equal(PositionStatus.Liquidating, restored.GetPosition("BTCUSDT")!.Status);
    }

    [Fact]
    public void Restore_rejects_a_reservation_that_does_not_follow_the_rule()
    {
        var snap = Busy().ToSnapshot();
        var orders = snap.Orders.Select(o => o.OrderId == 3 ? o with { ReservedAmount = o.ReservedAmount - 1 } : o).ToList();
        Assert.Throws<InvalidOperationException>(() => Account.Restore(snap with { Orders = orders }, Lookup));
    }
}
