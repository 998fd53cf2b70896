using Trading.Client.Api.Exchange;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Matching;

namespace Trading.Client.Api.Endpoints;

/// <summary>Place, cancel, amend and read a user's orders and trades. Every route acts on the caller's own account.</summary>
public static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder routes)
    {
        var orders = routes.MapGroup("/api").WithTags("Orders").RequireUser();

        orders.MapPost("/orders", async (HttpContext http, SymbolCatalog symbols, TradingService trading, bool? wait, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            var body = await JsonBody.ReadAsync(http.Request, errors, ct);
            if (body is null) return errors.ToResult();
            var draft = await OrderRequestReader.ReadAsync(body, symbols, ct);
            if (draft is null) return errors.ToResult();
            var userId = EndpointUser.Id(http);
            return await GatewayCalls.RunAsync(async () =>
            {
                var (orderId, result) = await trading.PlaceAsync(userId, draft, wait ?? false, ct);
                return result is null
                    ? Results.Accepted($"/api/orders/{orderId}", new { orderId, symbol = draft.Spec.Symbol, status = "ACCEPTED" })
                    : Results.Ok(ApiViews.Result(draft.Spec, result));
            });
        }).WithName("PlaceOrder").WithSummary("Place an order; ?wait=true returns the match result, otherwise 202 with the order id.");

        orders.MapDelete("/orders/{orderId:long}", (long orderId, HttpContext http, SymbolCatalog symbols, TradingService trading, CancellationToken ct) =>
            GatewayCalls.RunAsync(async () => await OrderResultAsync(await trading.CancelAsync(EndpointUser.Id(http), orderId, ct), symbols, ct)))
            .WithName("CancelOrder");

        orders.MapDelete("/orders", async (string? symbol, HttpContext http, SymbolCatalog symbols, TradingService trading, CancellationToken ct) =>
        {
            if (string.IsNullOrEmpty(symbol)) return FieldErrors.Single("symbol", "required");
            if (await symbols.FindAsync(symbol, ct) is null) return FieldErrors.Single("symbol", $"unknown symbol '{symbol}'");
            return await GatewayCalls.RunAsync(async () =>
                await OrderResultAsync(await trading.CancelAllAsync(EndpointUser.Id(http), symbol, ct), symbols, ct));
        }).WithName("CancelAllOrders").WithSummary("Cancel all of the caller's open orders on a symbol.");

        orders.MapPatch("/orders/{orderId:long}", async (long orderId, HttpContext http, SymbolCatalog symbols, TradingService trading, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            var body = await JsonBody.ReadAsync(http.Request, errors, ct);
            if (body is null) return errors.ToResult();
            var price = body.Decimal("price");
            var quantity = body.Decimal("quantity");
            body.RejectUnknownFields();
            if (price is null && quantity is null && !errors.Any) errors.Add("body", "give price, quantity or both");
            if (errors.Any) return errors.ToResult();
            var userId = EndpointUser.Id(http);
            return await GatewayCalls.RunAsync(async () =>
            {
                var order = await trading.GetOrderAsync(userId, orderId, ct);
                if (order is null) return NotFound(orderId);
                var spec = await symbols.FindAsync(order.Symbol, ct);
                if (spec is null) return FieldErrors.Single("symbol", $"unknown symbol '{order.Symbol}'");
                long ticks = 0, lots = 0;
                if (price is { } p)
                {
                    var t = p / spec.TickSize;
                    if (p <= 0 || t != decimal.Truncate(t)) errors.Add("price", $"must be > 0 and a multiple of tickSize {spec.TickSize}");
                    else ticks = (long)t;
                }
                if (quantity is { } q)
                {
                    var l = q / spec.StepSize;
                    if (q <= 0 || l != decimal.Truncate(l)) errors.Add("quantity", $"must be > 0 and a multiple of stepSize {spec.StepSize}");
                    else if (l > spec.MaxQtyLots) errors.Add("quantity", $"above maxQty {spec.LotsToQuantity(spec.MaxQtyLots)}");
                    else lots = (long)l;
                }
                if (errors.Any) return errors.ToResult();
                return await OrderResultAsync(await trading.AmendAsync(userId, orderId, ticks, lots, ct), symbols, ct);
            });
        }).WithName("AmendOrder").WithSummary("Amend price and/or quantity; a smaller quantity keeps time priority.");

        orders.MapGet("/orders/{orderId:long}", (long orderId, long? userId, HttpContext http, SymbolCatalog symbols, TradingService trading, CancellationToken ct) =>
            EndpointUser.Scoped(http, userId, user => GatewayCalls.RunAsync(async () =>
            {
                var order = await trading.GetOrderAsync(user, orderId, ct);
                if (order is null) return NotFound(orderId);
                var spec = await symbols.FindAsync(order.Symbol, ct);
                return spec is null ? Results.Ok(order) : Results.Ok(ApiViews.Order(spec, order));
            }))).WithName("GetOrder");

        orders.MapGet("/orders", (string? symbol, string? status, bool? open, int? limit, long? userId, HttpContext http, SymbolCatalog symbols,
                TradingService trading, CancellationToken ct) =>
            EndpointUser.Scoped(http, userId, async user =>
            {
                var errors = new FieldErrors();
                OrderStatus? statusFilter = null;
                if (status is not null)
                {
                    if (ApiEnums.Statuses.TryGetValue(status.ToUpperInvariant(), out var s)) statusFilter = s;
                    else errors.Add("status", $"one of {ApiEnums.Choices(ApiEnums.Statuses)}");
                }
                if (limit is < 1 or > 1000) errors.Add("limit", "1-1000");
                if (errors.Any) return errors.ToResult();
                return await GatewayCalls.RunAsync(async () =>
                {
                    var list = await trading.GetOrdersAsync(user, symbol, statusFilter, open ?? false, limit ?? 100, ct);
                    var specs = await symbols.AllAsync(ct);
                    return Results.Ok(list.Select(o => ApiViews.Order(specs.First(s => s.Symbol == o.Symbol), o)).ToArray());
                });
            })).WithName("ListOrders").WithSummary("The caller's open orders and most recent finished ones, newest first.");

        orders.MapGet("/trades", (string? symbol, int? limit, long? userId, HttpContext http, SymbolCatalog symbols, TradingService trading,
                CancellationToken ct) =>
            EndpointUser.Scoped(http, userId, async user =>
            {
                if (limit is < 1 or > 1000) return FieldErrors.Single("limit", "1-1000");
                return await GatewayCalls.RunAsync(async () =>
                {
                    var list = await trading.GetTradesAsync(user, symbol, limit ?? 100, ct);
                    var specs = await symbols.AllAsync(ct);
                    return Results.Ok(list.Select(t => ApiViews.Trade(specs.First(s => s.Symbol == t.Symbol), t)).ToArray());
                });
            })).WithName("ListTrades").WithSummary("The caller's most recent fills, newest first.");

        return routes;
    }

    private static IResult NotFound(long orderId) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Order not found",
            detail: $"You have no order {orderId}.");

    /// <summary>A cancel or amend outcome: 200 when the book did it, 404 for an unknown order, 409 when the order could not change.</summary>
    private static async Task<IResult> OrderResultAsync(OrderResult result, SymbolCatalog symbols, CancellationToken ct)
    {
        var spec = string.IsNullOrEmpty(result.Symbol) ? null : await symbols.FindAsync(result.Symbol, ct);
        var view = ApiViews.Result(spec, result);
        return result.Reason switch
        {
            "UNKNOWN_ORDER" => NotFound(result.OrderId),
            null => Results.Ok(view),
            _ when result.Status == OrderStatus.Rejected || result.Reason == "ORDER_ALREADY_FINISHED" =>
                Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The order could not be changed",
                    detail: result.Reason, extensions: new Dictionary<string, object?> { ["result"] = view }),
            _ => Results.Ok(view),
        };
    }
}
