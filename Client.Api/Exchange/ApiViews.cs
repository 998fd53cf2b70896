using System.Globalization;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Margin;
using Trading.Grains.Matching;
using Trading.Grains.Symbols;

namespace Trading.Client.Api.Exchange;

/// <summary>An order as the API shows it: decimal strings for prices and quantities, Binance-style names.</summary>
public sealed record OrderResponse(long OrderId, string Symbol, string? ClientOrderId, string Side, string Type, string TimeInForce,
    string Price, string StopPrice, string OrigQty, string ExecutedQty, string AvgPrice, string CumQuote, string Fees, string Status,
    string? Reason, bool ReduceOnly, string? PositionAction, bool Liquidation, long Time, long UpdateTime);

/// <summary>One fill as the API shows it.</summary>
public sealed record TradeResponse(long Id, string Symbol, long OrderId, string Side, string Price, string Qty, string QuoteQty,
    string Commission, string CommissionAsset, string RealizedPnl, bool Maker, bool Liquidation, long Time);

/// <summary>The answer to a place, cancel or amend that waited for the book.</summary>
public sealed record OrderResultResponse(long OrderId, string Symbol, string Status, string? Reason, string ExecutedQty,
    IReadOnlyList<FillResponse> Fills);

public sealed record FillResponse(long TradeId, string Price, string Qty, string Fee, bool Maker);

public sealed record PositionResponse(string Symbol, string PositionSide, string MarginType, int Leverage, string PositionAmt,
    string EntryPrice, string MarkPrice, string UnRealizedProfit, string RealizedPnl, string Margin, string MaintMargin,
    string RiskRatio, string LiquidationPrice, string Status, string LockedQty, string AvailableQty, string LockStatus,
    long CreateTime, long UpdateTime);

public sealed record BalanceResponse(string Asset, string WalletBalance, string AvailableBalance, string ReservedForOrders,
    string IsolatedMargin, string UnrealizedProfit, string MarginBalance, string FeesPaid);

public sealed record AccountResponse(long UserId, long UpdateTime, IReadOnlyList<BalanceResponse> Balances, IReadOnlyList<PositionResponse> Positions);

public sealed record TickerResponse(string Symbol, string LastPrice, string MarkPrice, string BidPrice, string AskPrice,
    string HighPrice, string LowPrice, string Volume, string QuoteVolume, long Count, long Sequence, long Time);

public sealed record DepthResponse(string Symbol, long LastUpdateId, long Time, IReadOnlyList<string[]> Bids, IReadOnlyList<string[]> Asks);

/// <summary>Converts the engine's integers into the API's decimal strings.</summary>
public sealed record PublicTradeResponse(long Id, string Price, string Qty, string QuoteQty, long Time, bool IsBuyerMaker);

public sealed record LatestPriceResponse(string Symbol, string Price, long Time, string Source);

public static class ApiViews
{
    public static string Dec(decimal value) => value.ToString(CultureInfo.InvariantCulture);
    public static string Money(long units) => Dec(Grains.Symbols.Money.ToDecimal(units));
    public static string Price(SymbolSpec spec, long ticks) => Dec(spec.TicksToPrice(ticks));
    public static string Qty(SymbolSpec spec, long lots) => Dec(spec.LotsToQuantity(lots));

    /// <summary>Average of notional (1e-8 units) over lots, as a price, exact to 8 decimals.</summary>
    public static string AveragePrice(SymbolSpec spec, long notional, long lots) =>
        lots == 0 ? "0" : Dec(decimal.Round(Grains.Symbols.Money.ToDecimal(notional) / spec.LotsToQuantity(lots), 8));

    public static OrderResponse Order(SymbolSpec spec, OrderView o) => new(o.OrderId, o.Symbol, o.ClientOrderId, ApiEnums.Name(o.Side),
        ApiEnums.Name(o.Type), ApiEnums.Name(o.TimeInForce), Price(spec, o.Price), Price(spec, o.StopPrice), Qty(spec, o.Quantity),
        Qty(spec, o.FilledQuantity), AveragePrice(spec, o.FilledNotional, o.FilledQuantity), Money(o.FilledNotional), Money(o.Fees),
        ApiEnums.Name(o.Status), o.Reason, o.ReduceOnly, o.PositionAction == PositionAction.Unspecified ? null : ApiEnums.Name(o.PositionAction),
        o.Liquidation, o.CreateTime, o.UpdateTime);

    public static TradeResponse Trade(SymbolSpec spec, TradeView t) => new(t.TradeId, t.Symbol, t.OrderId, ApiEnums.Name(t.Side),
        Price(spec, t.Price), Qty(spec, t.Quantity), Money(t.Notional), Money(t.Fee), spec.QuoteAsset, Money(t.RealizedPnl), t.Maker,
        t.Liquidation, t.Time);

    public static OrderResultResponse Result(SymbolSpec? spec, OrderResult r)
    {
        var fills = new List<FillResponse>();
        foreach (var e in r.Events)
        {
            if (e.Kind != MatchEventKind.Trade || spec is null) continue;
            if (e.OrderId == r.OrderId)
                fills.Add(new FillResponse(e.TradeSequence, Price(spec, e.Price), Qty(spec, e.Quantity), Money(e.TakerFee), false));
            else if (e.MakerOrderId == r.OrderId)
                fills.Add(new FillResponse(e.TradeSequence, Price(spec, e.Price), Qty(spec, e.Quantity), Money(e.MakerFee), true));
        }
        return new OrderResultResponse(r.OrderId, r.Symbol, ApiEnums.Name(r.Status), r.Reason,
            spec is null ? r.FilledQuantity.ToString(CultureInfo.InvariantCulture) : Qty(spec, r.FilledQuantity), fills);
    }

    public static PositionResponse Position(SymbolSpec spec, PositionView p) => new(p.Symbol, ApiEnums.Name(p.Side), ApiEnums.Name(p.Mode),
        p.Leverage, Qty(spec, p.Side == PositionSide.Short ? -p.Quantity : p.Quantity), AveragePrice(spec, p.EntryNotional, p.Quantity),
        Price(spec, p.MarkPrice), Money(p.UnrealizedPnl), Money(p.RealizedPnl), Money(p.Margin), Money(p.MaintenanceMargin),
        Dec((decimal)p.RiskRatioPpm / Grains.Symbols.Money.PpmScale), Price(spec, p.LiquidationPrice), ApiEnums.Name(p.Status),
        Qty(spec, p.LockedQuantity), Qty(spec, p.AvailableQuantity), ApiEnums.Name(p.LockStatus), p.CreateTime, p.UpdateTime);

    public static BalanceResponse Balance(BalanceView b) => new(b.Asset, Money(b.WalletBalance), Money(b.AvailableBalance),
        Money(b.ReservedForOrders), Money(b.IsolatedMargin), Money(b.UnrealizedPnl), Money(b.WalletBalance + b.UnrealizedPnl), Money(b.FeesPaid));

    public static PublicTradeResponse PublicTrade(SymbolSpec spec, Grains.Interfaces.ReadSide.PublicTrade t) =>
        new(t.TradeSequence, Price(spec, t.Price), Qty(spec, t.Quantity), Money(t.Notional), t.Timestamp, t.TakerSide == OrderSide.Sell);

    public static TickerResponse Ticker(SymbolSpec spec, Ticker t) => new(t.Symbol, Price(spec, t.LastPrice), Price(spec, t.MarkPrice),
        Price(spec, t.BestBid), Price(spec, t.BestAsk), Price(spec, t.HighPrice), Price(spec, t.LowPrice), Qty(spec, t.Volume),
        Money(t.QuoteVolume), t.TradeCount, t.Sequence, t.Timestamp);

    public static DepthResponse Depth(SymbolSpec spec, BookDepth d) => new(d.Symbol, d.Sequence, d.Timestamp,
        [.. d.Bids.Select(l => new[] { Price(spec, l.Price), Qty(spec, l.Quantity) })],
        [.. d.Asks.Select(l => new[] { Price(spec, l.Price), Qty(spec, l.Quantity) })]);
}
