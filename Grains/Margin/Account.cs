using Trading.Grains.Symbols;

namespace Trading.Grains.Margin;

/// <summary>
/// The deterministic position and margin engine of one user: balances per asset, one-way perpetual positions,
/// reservations and locks of working orders, fill settlement, mark-price risk and liquidation, spot settlement.
/// Plain C#: no I/O, no clock (times are arguments), no floating point, no static mutable state. One instance
/// is owned by one PositionGrain and driven by one thread at a time.
/// <para>Available balance of an asset = wallet - order reservations - isolated margins - cross initial margin
/// + min(0, cross unrealized PnL): unrealized profit is never spendable, unrealized loss always counts.</para>
/// </summary>
public sealed partial class Account
{
    private readonly OrdinalMap<AssetBalance> _balances = new();
    private readonly OrdinalMap<Position> _positions = new();
    private readonly WorkingOrders _orders = new();
    private long _lockSequence;
    private long _liquidationSequence;

    /// <summary>Creates an empty account.</summary>
    public Account(long userId) => UserId = userId;

    /// <summary>Owner of the account.</summary>
    public long UserId { get; }

    /// <summary>Time of the last change to the account.</summary>
    public long UpdateTimeMs { get; private set; }

    /// <summary>Default leverage of a symbol first traded: 20, capped by the symbol and its first bracket.</summary>
    public static int DefaultLeverage(SymbolSpec spec) =>
        Math.Max(1, Math.Min(20, Math.Min(spec.MaxLeverage, spec.Brackets.Count > 0 ? spec.Brackets[0].MaxLeverage : spec.MaxLeverage)));

    /// <summary>Wallet balance of an asset (0 when unknown).</summary>
    public long WalletBalance(string asset) => _balances.TryGetValue(asset, out var b) ? b.Wallet : 0;

    /// <summary>Fees paid in an asset.</summary>
    public long FeesPaid(string asset) => _balances.TryGetValue(asset, out var b) ? b.FeesPaid : 0;

    /// <summary>Losses in an asset paid by the insurance fund.</summary>
    public long InsuranceFundCovered(string asset) => _balances.TryGetValue(asset, out var b) ? b.InsuranceFundCovered : 0;

    /// <summary>Money of an asset held for working orders.</summary>
    public long ReservedForOrders(string asset) => _orders.Reserved(asset);

    /// <summary>Sum of the isolated margins of positions margined in an asset.</summary>
    public long IsolatedMargins(string asset)
    {
        long sum = 0;
        foreach (var p in _positions.Values)
            if (p.Spec.QuoteAsset == asset) sum += p.IsolatedMargin;
        return sum;
    }

    /// <summary>Spendable balance (see the type's summary); may be negative after adverse fills.</summary>
    public long AvailableBalance(string asset)
    {
        long crossIm = 0, crossPnl = 0;
        foreach (var p in _positions.Values)
        {
            if (!IsCrossPositionOf(p, asset)) continue;
            crossIm += p.InitialMargin;
            crossPnl += p.UnrealizedPnl;
        }
        return WalletBalance(asset) - ReservedForOrders(asset) - IsolatedMargins(asset) - crossIm + Math.Min(0, crossPnl);
    }

    /// <summary>The position of a symbol, or null if the symbol was never traded or configured.</summary>
    public Position? GetPosition(string symbol) => _positions.GetValueOrDefault(symbol);

    /// <summary>All positions (including flat ones that keep settings), ordered by symbol.</summary>
    public IEnumerable<Position> Positions => _positions.Values;

    /// <summary>Working orders the account holds something for, ordered by id.</summary>
    public IEnumerable<long> WorkingOrderIds
    {
        get
        {
            var ids = new List<long>(_orders.Count);
            foreach (var o in _orders) ids.Add(o.OrderId);
            return ids;
        }
    }

    /// <summary>Reservation view of every working order that holds money.</summary>
    public IReadOnlyList<OrderReservation> Reservations
    {
        get
        {
            var list = new List<OrderReservation>();
            foreach (var o in _orders)
                if (o.ReservedAmount != 0)
                    list.Add(new OrderReservation(o.OrderId, o.Spec.Symbol, o.ReservedAsset, o.ReservedAmount, o.RemainingQty, o.OpeningQty));
            return list;
        }
    }

    /// <summary>Lock view of every working order that locks position quantity.</summary>
    public IReadOnlyList<PositionLock> Locks
    {
        get
        {
            var list = new List<PositionLock>();
            foreach (var o in _orders)
                if (o.LockedQty > 0) list.Add(new PositionLock(o.OrderId, o.Spec.Symbol, o.Side, o.LockedQty, o.LockSequence));
            return list;
        }
    }

    /// <summary>Lots of a symbol's position locked by pending reducing orders.</summary>
    public long LockedQuantity(string symbol) => _orders.Locked(symbol, TradeSide.Buy) + _orders.Locked(symbol, TradeSide.Sell);

    /// <summary>Position lots not locked: what a new reduce-only order may still take.</summary>
    public long AvailableQuantity(string symbol) =>
        _positions.TryGetValue(symbol, out var p) ? p.Quantity - LockedQuantity(symbol) : 0;

    /// <summary>NONE / PARTIALLY_LOCKED / FULLY_LOCKED for a symbol's position.</summary>
    public LockStatus LockStatusOf(string symbol)
    {
        var locked = LockedQuantity(symbol);
        if (locked == 0) return LockStatus.None;
        var qty = _positions.TryGetValue(symbol, out var p) ? p.Quantity : 0;
        return locked >= qty ? LockStatus.FullyLocked : LockStatus.PartiallyLocked;
    }

    /// <summary>Credits a deposit.</summary>
    public RejectReason Deposit(string asset, long amount, long timeMs)
    {
        if (amount <= 0) return RejectReason.InvalidAmount;
        var b = Balance(asset);
        b.Wallet = checked(b.Wallet + amount);
        Touch(timeMs);
        return RejectReason.None;
    }

    /// <summary>Debits a withdrawal of at most the available balance.</summary>
    public RejectReason Withdraw(string asset, long amount, long timeMs)
    {
        if (amount <= 0) return RejectReason.InvalidAmount;
        if (amount > AvailableBalance(asset)) return RejectReason.InsufficientBalance;
        Balance(asset).Wallet -= amount;
        Touch(timeMs);
        return RejectReason.None;
    }

    private IEnumerable<Position> CrossPositions(string asset) => _positions.Values.Where(p => IsCrossPositionOf(p, asset));

    private static bool IsCrossPositionOf(Position p, string asset) =>
        p.Mode == PositionMode.Cross && p.SignedQuantity != 0 && p.Spec.QuoteAsset == asset;

    private AssetBalance Balance(string asset)
    {
        if (!_balances.TryGetValue(asset, out var b))
        {
            b = new AssetBalance(asset);
            _balances.Add(asset, b);
        }
        return b;
    }

    private Position PositionFor(SymbolSpec spec, long timeMs)
    {
        if (_positions.TryGetValue(spec.Symbol, out var p))
        {
            p.Spec = spec;
            return p;
        }
        p = new Position(spec, DefaultLeverage(spec), PositionMode.Cross, timeMs);
        _positions.Add(spec.Symbol, p);
        return p;
    }

    private void Touch(long timeMs)
    {
        if (timeMs > UpdateTimeMs) UpdateTimeMs = timeMs;
    }
}
