using Trading.Grains.Interfaces.Snapshots;
using Trading.Grains.Margin;
using Trading.Grains.Matching;
using Trading.Grains.Symbols;

namespace Trading.Grains.Exchange.Snapshots;

/// <summary>
/// One account's positions, locks and balances as snapshot records. Every derived value (unrealized PnL, margin, risk
/// ratio, liquidation price, locked / available quantity, lock status, available balance) is the margin engine's own,
/// as <see cref="Account.ToSnapshot"/> computed it when the grain checkpointed; here they only change units.
/// </summary>
internal static class AccountRecords
{
    public static PositionRecord Position(SymbolSpec spec, PositionSnapshot p) => new()
    {
        UserId = p.UserId, Symbol = p.Symbol, BaseCurrency = spec.BaseAsset, QuoteCurrency = spec.QuoteAsset, Side = p.Side,
        PositionMode = p.PositionMode, Quantity = spec.LotsToQuantity(p.Quantity), AveragePrice = spec.TicksToPrice(p.AveragePrice),
        UnrealizedPnl = Money.ToDecimal(p.UnrealizedPnl), RealizedPnl = Money.ToDecimal(p.RealizedPnl), Margin = Money.ToDecimal(p.Margin),
        RiskRatio = (decimal)p.RiskRatio / Money.PpmScale, Leverage = p.Leverage, LiquidationPrice = spec.TicksToPrice(p.LiquidationPrice),
        Status = p.Status, LockedQuantity = spec.LotsToQuantity(p.LockedQuantity), AvailableQuantity = spec.LotsToQuantity(p.AvailableQuantity),
        LockStatus = p.LockStatus, CreateTime = p.CreateTime, UpdateTime = p.UpdateTime, MarkPrice = spec.TicksToPrice(p.MarkPrice),
        MaintenanceMargin = Money.ToDecimal(p.MaintenanceMargin),
    };

    /// <summary>The account's locks ordered by symbol and lock sequence, with the order ids the books use.</summary>
    public static void Locks(AccountSnapshot account, SnapshotSymbols symbols, List<PositionLockRecord> into)
    {
        var locks = new PositionLock[account.Locks.Count];
        for (var i = 0; i < locks.Length; i++) locks[i] = account.Locks[i];
        Array.Sort(locks, static (a, b) =>
        {
            var bySymbol = string.CompareOrdinal(a.Symbol, b.Symbol);
            return bySymbol != 0 ? bySymbol : a.Sequence.CompareTo(b.Sequence);
        });
        foreach (var l in locks)
        {
            var spec = symbols.Of(l.Symbol);
            into.Add(new PositionLockRecord
            {
                PositionKey = PositionRecord.KeyOf(account.UserId, l.Symbol), UserId = account.UserId, Symbol = l.Symbol,
                OrderId = l.OrderId < 0 ? LiquidationOrderIds.ToBook(account.UserId, l.OrderId) : l.OrderId,
                Side = l.Side == TradeSide.Buy ? OrderSide.Buy : OrderSide.Sell, LockedQuantity = spec.LotsToQuantity(l.LockedQty),
                LockSequence = l.Sequence,
            });
        }
    }

    public static AccountRecord Account(AccountSnapshot account, SnapshotSymbols symbols)
    {
        var balances = new Dictionary<string, BalanceRecord>(account.Balances.Count, StringComparer.Ordinal);
        foreach (var b in account.Balances)
        {
            long unrealized = 0;
            foreach (var p in account.Positions)
                if (symbols.Of(p.Symbol).QuoteAsset == b.Asset) unrealized += p.UnrealizedPnl;
            balances[b.Asset] = new BalanceRecord
            {
                Asset = b.Asset, WalletBalance = Money.ToDecimal(b.WalletBalance), AvailableBalance = Money.ToDecimal(b.AvailableBalance),
                ReservedForOrders = Money.ToDecimal(b.ReservedForOrders), IsolatedMargin = Money.ToDecimal(b.IsolatedMargin),
                UnrealizedPnl = Money.ToDecimal(unrealized), MarginBalance = Money.ToDecimal(b.WalletBalance + unrealized),
                FeesPaid = Money.ToDecimal(b.FeesPaid), InsuranceFundCovered = Money.ToDecimal(b.InsuranceFundCovered),
            };
        }
        return new AccountRecord { UserId = account.UserId, UpdateTime = account.UpdateTime, Balances = SortedMaps.Ordinal(balances) };
    }
}
