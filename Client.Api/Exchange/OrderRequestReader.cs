using Trading.Grains.Matching;
using Trading.Grains.Symbols;

namespace Trading.Client.Api.Exchange;

/// <summary>
/// Validates the body of POST /api/orders against the symbol's rules: every field named in its error,
/// nothing sent on when anything is wrong.
/// </summary>
public static class OrderRequestReader
{
    public static async Task<OrderDraft?> ReadAsync(JsonBody body, SymbolCatalog symbols, CancellationToken cancellationToken)
    {
        var errors = body.Errors;
        var symbolName = body.String("symbol", required: true, maxLength: 20);
        var side = body.Enum("side", ApiEnums.Sides, required: true);
        var type = body.Enum("type", ApiEnums.Types, required: true);
        var tif = body.Enum("timeInForce", ApiEnums.TimesInForce);
        var price = body.Decimal("price");
        var stopPrice = body.Decimal("stopPrice");
        var quantity = body.Decimal("quantity", required: true);
        var reduceOnly = body.Bool("reduceOnly") ?? false;
        var positionAction = body.Enum("positionAction", ApiEnums.PositionActions);
        var workingType = body.Enum("workingType", ApiEnums.WorkingTypes);
        var stp = body.Enum("selfTradePrevention", ApiEnums.SelfTradePreventions);
        var clientOrderId = body.String("clientOrderId", maxLength: ClientOrderIds.MaxLength);
        body.RejectUnknownFields();
        if (clientOrderId is not null && !ClientOrderIds.IsValid(clientOrderId))
            errors.Add("clientOrderId", "1-36 characters of A-Z a-z 0-9 . _ : -");

        SymbolSpec? spec = null;
        if (symbolName is { Length: > 0 })
        {
            spec = await symbols.FindAsync(symbolName, cancellationToken).ConfigureAwait(false);
            if (spec is null) errors.Add("symbol", $"unknown symbol '{symbolName}'");
        }
        if (spec is null || side is null || type is null || errors.Any) return null;

        var t = type.Value;
        var needsPrice = t is OrderType.Limit or OrderType.StopLimit or OrderType.TakeProfit;
        if (needsPrice && price is null) errors.Add("price", $"required for {ApiEnums.Name(t)}");
        if (!needsPrice && price is not null) errors.Add("price", $"not allowed for {ApiEnums.Name(t)}");
        if (t.IsConditional() && stopPrice is null) errors.Add("stopPrice", $"required for {ApiEnums.Name(t)}");
        if (!t.IsConditional() && stopPrice is not null) errors.Add("stopPrice", $"only for conditional orders");
        if (!t.IsConditional() && workingType is not null) errors.Add("workingType", "only for conditional orders");
        if (t.IsMarketLike() && tif is not null && tif != TimeInForce.Ioc) errors.Add("timeInForce", "market orders are IOC");
        if (reduceOnly && positionAction == PositionAction.Open) errors.Add("positionAction", "OPEN contradicts reduceOnly");
        if (spec.Kind == ContractKind.Spot && (reduceOnly || positionAction is not null))
            errors.Add(reduceOnly ? "reduceOnly" : "positionAction", "not available on spot symbols");

        var priceTicks = price is null ? 0 : Ticks(price.Value, "price");
        var stopTicks = stopPrice is null ? 0 : Ticks(stopPrice.Value, "stopPrice");
        var lots = Lots(quantity!.Value);
        if (!errors.Has("price") && !errors.Has("quantity") && priceTicks > 0 && spec.MinNotional > 0 && !reduceOnly
            && spec.Notional(priceTicks, lots) < spec.MinNotional)
            errors.Add("quantity", $"notional {spec.TicksToPrice(priceTicks) * spec.LotsToQuantity(lots)} is below minNotional {Money.ToDecimal(spec.MinNotional)}");
        if (errors.Any) return null;

        return new OrderDraft
        {
            Spec = spec, Side = side.Value, Type = t, TimeInForce = tif ?? (t.IsMarketLike() ? TimeInForce.Ioc : TimeInForce.Gtc),
            Price = priceTicks, StopPrice = stopTicks, Quantity = lots, ReduceOnly = reduceOnly,
            PositionAction = positionAction ?? PositionAction.Unspecified, WorkingType = workingType ?? WorkingType.LastPrice,
            SelfTradePrevention = stp ?? SelfTradePrevention.Default, ClientOrderId = clientOrderId,
        };

        long Ticks(decimal value, string field)
        {
            if (value <= 0) { errors.Add(field, "must be > 0"); return 0; }
            var ticks = value / spec.TickSize;
            if (ticks != decimal.Truncate(ticks)) { errors.Add(field, $"must be a multiple of tickSize {spec.TickSize}"); return 0; }
            if (ticks > long.MaxValue / 1_000_000) { errors.Add(field, "too large"); return 0; }
            return (long)ticks;
        }

        long Lots(decimal value)
        {
            if (value <= 0) { errors.Add("quantity", "must be > 0"); return 0; }
            var steps = value / spec.StepSize;
            if (steps != decimal.Truncate(steps)) { errors.Add("quantity", $"must be a multiple of stepSize {spec.StepSize}"); return 0; }
            if (steps < spec.MinQtyLots) { errors.Add("quantity", $"below minQty {spec.LotsToQuantity(spec.MinQtyLots)}"); return 0; }
            if (steps > spec.MaxQtyLots) { errors.Add("quantity", $"above maxQty {spec.LotsToQuantity(spec.MaxQtyLots)}"); return 0; }
            return (long)steps;
        }
    }
}
