using FsCheck;
using FsCheck.Fluent;
using Trading.Grains.Margin;
using Trading.Grains.Symbols;
using static Trading.Tests.Margin.TestSpecs;

namespace Trading.Tests.Margin;

/// <summary>
/// FsCheck properties over random operation sequences. Each case is an int array decoded step by step
/// (<see cref="Script"/>), so FsCheck can shrink a failing case by dropping elements.
/// </summary>
public class MarginPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(150);

    private static Arbitrary<int[]> Scripts() => Arb.From(
        Gen.Choose(0, 1_000_000).ArrayOf(),
        a => Enumerable.Range(0, a.Length).Select(i => a.Where((_, j) => j != i).ToArray()));

    /// <summary>Reads an int array as an endless stream of choices (zeros once exhausted).</summary>
    private sealed class Script(int[] values)
    {
        private int _i;
        public bool Done => _i >= values.Length;
        public int Next(int modulo) => _i < values.Length ? values[_i++] % modulo : 0;
    }

    private static long Fee(SymbolSpec spec, long ticks, long lots, bool maker) =>
        Fees.Compute(spec.Notional(ticks, lots), maker ? spec.MakerFeePpm : spec.TakerFeePpm);

    private static void Settle(Account a, SymbolSpec spec, long id, TradeSide side, long ticks, long lots, bool maker) =>
        a.SettleFill(spec, new AccountFill(id, spec.Symbol, side, ticks, lots, Fee(spec, ticks, lots, maker), maker, 1));

    /// <summary>
    /// Two accounts trading only with each other: sum of wallets + fees paid + unrealized PnL at any common price
    /// is constant after every fill (money is never created or destroyed, including by rounding of partial closes),
    /// and when both are flat again their realized PnL nets to exactly zero and wallets + fees - insurance cover equal
    /// the deposits. Mark prices liquidate either side now and then; the liquidation fill goes to the other.
    /// </summary>
    [Fact]
    public void Money_is_conserved_between_two_counterparties()
    {
        var spec = Btc;
        var totalLiquidations = 0;
        Check.One(Config, Prop.ForAll(Scripts(), values =>
        {
            var s = new Script(values);
            var deposit = U(10_000_000);
            var accounts = new[] { Funded(10_000_000, 1), Funded(10_000_000, 2) };
            var mode = s.Next(2) == 0 ? PositionMode.Isolated : PositionMode.Cross;
            var leverage = 1 + s.Next(20);
            foreach (var a in accounts)
            {
                Assert.Equal(RejectReason.None, a.SetPositionMode(spec, mode, 1));
                Assert.Equal(RejectReason.None, a.SetLeverage(spec, leverage, 1));
            }
            long nextId = 1;
            var liquidations = 0;

            void Trade(TradeSide aSide, long lots, long ticks, bool aMaker, OrderIntent intent, int split)
            {
                var idA = nextId++;
                var idB = nextId++;
                var ra = accounts[0].TryPlaceOrder(spec, new OrderRequest(idA, aSide, intent, ticks, lots, 1));
                var rb = accounts[1].TryPlaceOrder(spec, new OrderRequest(idB, aSide.Opposite(), intent, ticks, lots, 1));
                if (!ra.Accepted || !rb.Accepted)
                {
                    accounts[0].CompleteOrder(idA, 1);
                    accounts[1].CompleteOrder(idB, 1);
                    return;
                }
                var first = 1 + split % lots;
                foreach (var piece in first == lots ? new[] { lots } : new[] { first, lots - first })
                {
                    Settle(accounts[0], spec, idA, aSide, ticks, piece, aMaker);
                    Settle(accounts[1], spec, idB, aSide.Opposite(), ticks, piece, !aMaker);
                }
                Assert.Empty(accounts[0].WorkingOrderIds);
                Assert.Empty(accounts[1].WorkingOrderIds);
            }

            void AssertConserved(long atTicks)
            {
                long total = 0, pnl = 0;
                foreach (var a in accounts)
                {
                    var p = a.GetPosition(spec.Symbol)!;
                    total += a.WalletBalance("USDT") + a.FeesPaid("USDT") + p.UnrealizedPnlAt(atTicks) - a.InsuranceFundCovered("USDT");
                    pnl += p.RealizedPnl + p.UnrealizedPnlAt(atTicks);
                    Assert.Equal(0, a.ReservedForOrders("USDT"));
                }
                Assert.Equal(2 * deposit, total);
                Assert.Equal(0, pnl);
                Assert.Equal(accounts[0].GetPosition(spec.Symbol)!.SignedQuantity, -accounts[1].GetPosition(spec.Symbol)!.SignedQuantity);
            }

            while (!s.Done)
            {
                var kind = s.Next(10);
                var ticks = 400_000L + s.Next(200_001);
                var aMaker = s.Next(2) == 0;
                var split = s.Next(1_000_000);
                var pa = accounts[0].GetPosition(spec.Symbol)!;
                if (kind < 6)
                {
                    Trade(s.Next(2) == 0 ? TradeSide.Buy : TradeSide.Sell, 1 + s.Next(2_000), ticks, aMaker, OrderIntent.Open, split);
                }
                else if (kind < 8 && pa.SignedQuantity != 0)
                {
                    var lots = 1 + s.Next((int)Math.Min(pa.Quantity, int.MaxValue));
                    Trade(pa.ClosingSide!.Value, lots, ticks, aMaker, OrderIntent.Close, split);
                }
                else if (kind == 9)
                {
                    // A mark price; a liquidation order of one side is filled at the mark against the other, which
                    // closes with a reduce-only order (or with its own liquidation order when both are liquidated).
                    var l0 = accounts[0].UpdateMarkPrice(spec.Symbol, ticks, 1);
                    var l1 = accounts[1].UpdateMarkPrice(spec.Symbol, ticks, 1);
                    Assert.True(l0.Count <= 1 && l1.Count <= 1);
                    if (l0.Count + l1.Count > 0)
                    {
                        var (x, y, lx) = l0.Count == 1 ? (0, 1, l0[0]) : (1, 0, l1[0]);
                        var idY = l0.Count == 1 && l1.Count == 1 ? l1[0].OrderId : nextId++;
                        if (idY > 0)
                            Assert.True(accounts[y].TryPlaceOrder(spec, new OrderRequest(idY, lx.Side.Opposite(), OrderIntent.Close, ticks, lx.QtyLots, 1)).Accepted);
                        Settle(accounts[x], spec, lx.OrderId, lx.Side, ticks, lx.QtyLots, false);
                        Settle(accounts[y], spec, idY, lx.Side.Opposite(), ticks, lx.QtyLots, true);
                        liquidations++;
                    }
                    Assert.Empty(accounts[0].WorkingOrderIds);
                    Assert.Empty(accounts[1].WorkingOrderIds);
                }
                else
                {
                    var id = nextId++;
                    accounts[0].TryPlaceOrder(spec, new OrderRequest(id, TradeSide.Buy, OrderIntent.Open, ticks, 1 + s.Next(2_000), 1));
                    accounts[0].CompleteOrder(id, 1);
                }
                AssertConserved(400_000L + s.Next(200_001));
            }

            var final = accounts[0].GetPosition(spec.Symbol)!;
            if (final.SignedQuantity != 0)
                Trade(final.ClosingSide!.Value, final.Quantity, 500_000, true, OrderIntent.Close, 0);
            Assert.Equal(0, final.SignedQuantity);
            Assert.Equal(0, final.RealizedPnl + accounts[1].GetPosition(spec.Symbol)!.RealizedPnl);
            Assert.Equal(2 * deposit, accounts.Sum(a => a.WalletBalance("USDT") + a.FeesPaid("USDT") - a.InsuranceFundCovered("USDT")));
            totalLiquidations += liquidations;
            foreach (var a in accounts)
            {
                Assert.Equal(0, a.IsolatedMargins("USDT"));
                Assert.Equal(a.WalletBalance("USDT"), a.AvailableBalance("USDT"));
            }
            return true;
        }));
        Assert.True(totalLiquidations > 0, "the generator should reach liquidations");
    }

    /// <summary>A position opened at one price by any fills and closed at that price by any partial fills realizes exactly zero: the wallet loses exactly the fees.</summary>
    [Fact]
    public void A_position_closed_at_its_entry_price_realizes_exactly_minus_the_fees()
    {
        var spec = Btc;
        Check.One(Config, Prop.ForAll(Scripts(), values =>
        {
            var s = new Script(values);
            var a = Funded(10_000_000);
            var mode = s.Next(2) == 0 ? PositionMode.Isolated : PositionMode.Cross;
            Assert.Equal(RejectReason.None, a.SetPositionMode(spec, mode, 1));
            Assert.Equal(RejectReason.None, a.SetLeverage(spec, 1 + s.Next(50), 1));
            var side = s.Next(2) == 0 ? TradeSide.Buy : TradeSide.Sell;
            var ticks = 1L + s.Next(1_000_000);
            long fees = 0, id = 1;
            var opens = 1 + s.Next(5);
            for (var i = 0; i < opens; i++)
            {
                var lots = 1L + s.Next(3_000);
                var maker = s.Next(2) == 0;
                fees += Fee(spec, ticks, lots, maker);
                Settle(a, spec, id++, side, ticks, lots, maker);
            }
            var p = a.GetPosition(spec.Symbol)!;
            while (p.SignedQuantity != 0)
            {
                var lots = Math.Min(p.Quantity, 1L + s.Next(3_000));
                var maker = s.Next(2) == 0;
                fees += Fee(spec, ticks, lots, maker);
                Settle(a, spec, id++, side.Opposite(), ticks, lots, maker);
            }
            Assert.Equal(0, p.RealizedPnl);
            Assert.Equal(U(10_000_000) - fees, a.WalletBalance("USDT"));
            Assert.Equal(fees, a.FeesPaid("USDT"));
            Assert.Equal(0, p.IsolatedMargin);
            Assert.Equal(0, p.EntryNotional);
            Assert.Equal(a.WalletBalance("USDT"), a.AvailableBalance("USDT"));
            return true;
        }));
    }

    /// <summary>
    /// Random orders (open, reduce-only, either side), partial fills, cancels and mark prices (with liquidations) on one
    /// account: locked quantity never exceeds the position, no reservation or lock is negative, a snapshot restored
    /// mid-way behaves identically, and once every order is done nothing stays reserved or locked.
    /// </summary>
    [Fact]
    public void Locks_stay_within_the_position_and_reservations_return_to_zero()
    {
        Check.One(Config, Prop.ForAll(Scripts(), values =>
        {
            var s = new Script(values);
            var spec = s.Next(2) == 0 ? Btc : BtcNoFee;
            var a = Funded(1_000_000);
            var mode = s.Next(2) == 0 ? PositionMode.Isolated : PositionMode.Cross;
            Assert.Equal(RejectReason.None, a.SetPositionMode(spec, mode, 1));
            Assert.Equal(RejectReason.None, a.SetLeverage(spec, 1 + s.Next(20), 1));
            var working = new SortedDictionary<long, (TradeSide Side, long Remaining, long Price)>();
            long nextId = 1;
            Account? twin = null;
            var twinWorking = new List<Action<Account>>();
            var restoreAt = s.Next(40);
            var step = 0;

            void Apply(Action<Account> op)
            {
                op(a);
                if (twin is not null) op(twin);
            }

            void Check()
            {
                var p = a.GetPosition(spec.Symbol);
                var qty = p?.Quantity ?? 0;
                Assert.InRange(a.LockedQuantity(spec.Symbol), 0, qty);
                Assert.True(a.AvailableQuantity(spec.Symbol) >= 0);
                Assert.All(a.Reservations, r => Assert.True(r.Amount >= 0));
                Assert.All(a.Locks, l => Assert.True(l.LockedQty > 0));
                Assert.True(a.ReservedForOrders("USDT") >= 0);
                Assert.Equal(working.Keys, a.WorkingOrderIds);
                if (twin is not null) Assert.Equal(SnapshotTests.Json(a), SnapshotTests.Json(twin));
            }

            while (!s.Done)
            {
                if (step++ == restoreAt && twin is null) twin = Account.Restore(a.ToSnapshot(), _ => spec);
                var kind = s.Next(10);
                if (kind < 4)
                {
                    var id = nextId++;
                    var side = s.Next(2) == 0 ? TradeSide.Buy : TradeSide.Sell;
                    var intent = s.Next(3) == 0 ? OrderIntent.Close : OrderIntent.Open;
                    var ticks = 450_000L + s.Next(100_001);
                    var lots = 1L + s.Next(1_500);
                    OrderCheckResult r = default;
                    Apply(x => r = x.TryPlaceOrder(spec, new OrderRequest(id, side, intent, ticks, lots, step)));
                    if (r.Accepted) working.Add(id, (side, lots, ticks));
                }
                else if (kind < 7 && working.Count > 0)
                {
                    var (id, o) = working.ElementAt(s.Next(working.Count));
                    var lots = 1L + s.Next((int)Math.Min(o.Remaining, int.MaxValue));
                    var ticks = o.Price + (o.Side == TradeSide.Buy ? -s.Next(50) : s.Next(50));
                    var maker = s.Next(2) == 0;
                    FillSettlement? result = null;
                    Apply(x => result = x.SettleFill(spec, new AccountFill(id, spec.Symbol, o.Side, ticks, lots, Fee(spec, ticks, lots, maker), maker, step)));
                    if (lots == o.Remaining) working.Remove(id);
                    else working[id] = o with { Remaining = o.Remaining - lots };
                    Assert.Equal(lots == o.Remaining, result!.OrderCompleted);
                    foreach (var canceled in result.OrdersToCancel) Assert.True(working.Remove(canceled));
                }
                else if (kind < 9 && working.Count > 0)
                {
                    var id = working.Keys.ElementAt(s.Next(working.Count));
                    OrderRelease r = default;
                    Apply(x => r = x.CompleteOrder(id, step));
                    Assert.True(r.Known);
                    working.Remove(id);
                }
                else
                {
                    var mark = 400_000L + s.Next(200_001);
                    IReadOnlyList<LiquidationOrder> liqs = [];
                    Apply(x => liqs = x.UpdateMarkPrice(spec.Symbol, mark, step));
                    foreach (var l in liqs)
                    {
                        foreach (var c in l.CanceledOrderIds) Assert.True(working.Remove(c));
                        working.Add(l.OrderId, (l.Side, l.QtyLots, l.BankruptcyPriceTicks));
                    }
                }
                Check();
            }

            foreach (var id in working.Keys.ToList())
            {
                Apply(x => Assert.True(x.CompleteOrder(id, step).Known));
                working.Remove(id);
            }
            Check();
            Assert.Equal(0, a.ReservedForOrders("USDT"));
            Assert.Equal(0, a.LockedQuantity(spec.Symbol));
            Assert.Empty(a.WorkingOrderIds);
            Assert.Empty(a.Reservations);
            Assert.Empty(a.Locks);
            return true;
        }));
    }
}
