using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Margin;
using Trading.Runtime.Grains;

namespace Trading.Grains.Exchange;

public sealed partial class PositionGrain
{
    private void OnDeposit(Deposit d, IMessageContext context)
    {
        var reason = _account.Deposit(d.Asset, d.Amount, context.Timestamp);
        context.Reply(new CommandResult(reason == Margin.RejectReason.None, ReasonCodes.Of(reason)));
        if (reason == Margin.RejectReason.None) Publish(context, null, [], []);
    }

    private void OnSetLeverage(SetLeverage s, IMessageContext context)
    {
        Remember(s.Spec);
        var reason = _account.SetLeverage(s.Spec, s.Leverage, context.Timestamp);
        context.Reply(new CommandResult(reason == Margin.RejectReason.None, ReasonCodes.Of(reason)));
        if (reason == Margin.RejectReason.None) Publish(context, s.Spec.Symbol, [], []);
    }

    private void OnSetMarginMode(SetMarginMode s, IMessageContext context)
    {
        Remember(s.Spec);
        var reason = _account.SetPositionMode(s.Spec, s.Mode, context.Timestamp);
        context.Reply(new CommandResult(reason == Margin.RejectReason.None, ReasonCodes.Of(reason)));
        if (reason == Margin.RejectReason.None) Publish(context, s.Spec.Symbol, [], []);
    }

    private AccountView AccountView() => new(UserId, _account.UpdateTimeMs, BalanceViews(), PositionViews());

    private List<BalanceView> BalanceViews()
    {
        var balances = _account.BalanceSnapshots();
        var views = new List<BalanceView>(balances.Count);
        foreach (var b in balances)
        {
            long unrealized = 0;
            foreach (var p in _account.Positions)
                if (p.Spec.QuoteAsset == b.Asset) unrealized += p.UnrealizedPnl;
            views.Add(new BalanceView(b.Asset, b.WalletBalance, b.AvailableBalance, b.ReservedForOrders, b.IsolatedMargin,
                unrealized, b.FeesPaid, b.InsuranceFundCovered));
        }
        return views;
    }

    private List<PositionView> PositionViews()
    {
        var positions = _account.PositionSnapshots();
        var views = new List<PositionView>(positions.Count);
        foreach (var p in positions) views.Add(ViewOf(p));
        return views;
    }

    /// <summary>The view of one symbol's position, or null when the account has none.</summary>
    private PositionView? PositionViewOf(string symbol) => _account.PositionSnapshotOf(symbol) is { } p ? ViewOf(p) : null;

    private static PositionView ViewOf(PositionSnapshot p) =>
        new(p.Symbol, p.Side, p.PositionMode, p.Leverage, p.Quantity, p.EntryNotional, p.AveragePrice,
            p.MarkPrice, p.UnrealizedPnl, p.RealizedPnl, p.Margin, p.MaintenanceMargin, p.RiskRatio, p.LiquidationPrice,
            p.Status, p.LockedQuantity, p.AvailableQuantity, p.LockStatus, p.CreateTime, p.UpdateTime);
}
