using Trading.Grains.Symbols;

namespace Trading.Grains.Margin;

public sealed partial class Account
{
    /// <summary>Captures the whole state plus derived reader fields.</summary>
    public AccountSnapshot ToSnapshot()
    {
        var orders = new List<OrderHoldSnapshot>(_orders.Count);
        foreach (var o in _orders)
            orders.Add(new OrderHoldSnapshot(o.OrderId, o.Spec.Symbol, o.Side, o.Intent, o.WorstPriceTicks,
                o.RemainingQty, o.OpeningQty, o.LockedQty, o.LockSequence, o.Leverage, o.IsLiquidation, o.CreateTimeMs,
                o.ReservedAsset, o.ReservedAmount));
        return new AccountSnapshot
        {
            UserId = UserId, UpdateTime = UpdateTimeMs, LockSequence = _lockSequence, LiquidationSequence = _liquidationSequence,
            Balances = BalanceSnapshots(), Positions = PositionSnapshots(), Orders = orders, Reservations = Reservations, Locks = Locks,
        };
    }

    /// <summary>Every position with its derived reader fields (the positions part of <see cref="ToSnapshot"/>).</summary>
    public List<PositionSnapshot> PositionSnapshots()
    {
        var positions = new List<PositionSnapshot>(_positions.Count);
        foreach (var p in _positions.Values) positions.Add(SnapshotOf(p));
        return positions;
    }

    /// <summary>One position with its derived reader fields, or null when the symbol has none.</summary>
    public PositionSnapshot? PositionSnapshotOf(string symbol) => _positions.TryGetValue(symbol, out var p) ? SnapshotOf(p) : null;

    /// <summary>Every balance with its derived reader fields (the balances part of <see cref="ToSnapshot"/>).</summary>
    public List<BalanceSnapshot> BalanceSnapshots()
    {
        var balances = new List<BalanceSnapshot>(_balances.Count);
        foreach (var b in _balances.Values)
            balances.Add(new BalanceSnapshot(b.Asset, b.Wallet, AvailableBalance(b.Asset), ReservedForOrders(b.Asset),
                IsolatedMargins(b.Asset), b.FeesPaid, b.InsuranceFundCovered));
        return balances;
    }

    private PositionSnapshot SnapshotOf(Position p) => new()
    {
        UserId = UserId, Symbol = p.Symbol, Side = p.Side, PositionMode = p.Mode, Quantity = p.Quantity,
        AveragePrice = p.AverageEntryPriceTicks, EntryNotional = p.EntryNotional, MarkPrice = p.MarkPriceTicks,
        UnrealizedPnl = p.UnrealizedPnl, RealizedPnl = p.RealizedPnl, Margin = p.SignedQuantity == 0 ? 0 : p.InitialMargin,
        IsolatedMargin = p.IsolatedMargin, MaintenanceMargin = p.SignedQuantity == 0 ? 0 : p.MaintenanceMargin,
        RiskRatio = RiskRatioPpm(p.Symbol), Leverage = p.Leverage, LiquidationPrice = LiquidationPrice(p.Symbol),
        Status = p.Status, LockedQuantity = LockedQuantity(p.Symbol), AvailableQuantity = AvailableQuantity(p.Symbol),
        LockStatus = LockStatusOf(p.Symbol), CreateTime = p.CreateTimeMs, UpdateTime = p.UpdateTimeMs,
    };

    /// <summary>
    /// Rebuilds an account from a snapshot; <paramref name="specs"/> resolves every symbol named in it. Behaviour
    /// afterwards is identical to the account that took the snapshot. Throws when a reservation does not match the
    /// reservation rule (a corrupt or foreign snapshot).
    /// </summary>
    public static Account Restore(AccountSnapshot snapshot, Func<string, SymbolSpec> specs)
    {
        var account = new Account(snapshot.UserId)
        {
            UpdateTimeMs = snapshot.UpdateTime,
            _lockSequence = snapshot.LockSequence,
            _liquidationSequence = snapshot.LiquidationSequence,
        };
        foreach (var b in snapshot.Balances)
        {
            var balance = account.Balance(b.Asset);
            balance.Wallet = b.WalletBalance;
            balance.FeesPaid = b.FeesPaid;
            balance.InsuranceFundCovered = b.InsuranceFundCovered;
        }
        foreach (var s in snapshot.Positions)
        {
            var p = new Position(specs(s.Symbol), s.Leverage, s.PositionMode, s.CreateTime)
            {
                SignedQuantity = s.Side == PositionSide.Short ? -s.Quantity : s.Quantity,
                EntryNotional = s.EntryNotional, IsolatedMargin = s.IsolatedMargin, RealizedPnl = s.RealizedPnl,
                MarkPriceTicks = s.MarkPrice, Status = s.Status, UpdateTimeMs = s.UpdateTime,
            };
            account._positions.Add(s.Symbol, p);
        }
        foreach (var s in snapshot.Orders)
        {
            var o = new OpenOrder
            {
                OrderId = s.OrderId, Spec = specs(s.Symbol), Side = s.Side, Intent = s.Intent, WorstPriceTicks = s.WorstPriceTicks,
                RemainingQty = s.RemainingQty, OpeningQty = s.OpeningQty, LockedQty = s.LockedQty, LockSequence = s.LockSequence,
                Leverage = s.Leverage, IsLiquidation = s.IsLiquidation, CreateTimeMs = s.CreateTime,
            };
            o.Recompute();
            if (o.ReservedAmount != s.ReservedAmount || o.ReservedAsset != s.ReservedAsset)
                throw new InvalidOperationException($"Order {s.OrderId}: reservation {s.ReservedAmount} {s.ReservedAsset} does not match the rule ({o.ReservedAmount} {o.ReservedAsset}).");
            account._orders.Add(o);
        }
        return account;
    }
}
