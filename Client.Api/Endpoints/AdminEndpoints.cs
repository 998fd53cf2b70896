using System.Text.Json;
using Trading.Client.Api.Exchange;
using Trading.Grains.Symbols;
using Trading.Runtime.Messaging;

namespace Trading.Client.Api.Endpoints;

/// <summary>Operator endpoints: symbol rules and mark prices. Admin role only.</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api").WithTags("Admin").RequireAdmin();

        admin.MapPost("/symbols", (HttpContext http, SymbolCatalog symbols, TradingService trading, CancellationToken ct) =>
            UpsertAsync(http, null, create: true, symbols, trading, ct)).WithName("CreateSymbol");

        admin.MapPut("/symbols/{symbol}", (string symbol, HttpContext http, SymbolCatalog symbols, TradingService trading, CancellationToken ct) =>
            UpsertAsync(http, symbol, create: false, symbols, trading, ct)).WithName("UpdateSymbol");

        admin.MapPost("/mark-price", async (HttpContext http, SymbolCatalog symbols, TradingService trading, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            var body = await JsonBody.ReadAsync(http.Request, errors, ct);
            if (body is null) return errors.ToResult();
            var symbol = body.String("symbol", required: true, maxLength: 20);
            var price = body.Decimal("price", required: true);
            body.RejectUnknownFields();
            if (errors.Any) return errors.ToResult();
            var spec = await symbols.FindAsync(symbol!, ct);
            if (spec is null) return FieldErrors.Single("symbol", $"unknown symbol '{symbol}'");
            var ticks = price!.Value / spec.TickSize;
            if (price <= 0 || ticks != decimal.Truncate(ticks)) return FieldErrors.Single("price", $"must be > 0 and a multiple of tickSize {spec.TickSize}");
            return await GatewayCalls.RunAsync(async () =>
            {
                var r = await trading.SetMarkPriceAsync(spec.Symbol, (long)ticks, ct);
                return r.Accepted ? Results.Ok(new { symbol = spec.Symbol, markPrice = ApiViews.Dec(price.Value) })
                    : FieldErrors.Single("price", r.Reason ?? "refused", StatusCodes.Status409Conflict, "Refused by the book");
            });
        }).WithName("SetMarkPrice").WithSummary("Set a symbol's mark price (the market-data feed will do this later).");

        return routes;
    }

    private static async Task<IResult> UpsertAsync(HttpContext http, string? pathSymbol, bool create, SymbolCatalog symbols, TradingService trading,
        CancellationToken ct)
    {
        SymbolDefinition? definition;
        try
        {
            definition = await JsonSerializer.DeserializeAsync<SymbolDefinition>(http.Request.Body, StrictJson, ct);
        }
        catch (JsonException e)
        {
            return FieldErrors.Single(string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.'), e.Message);
        }
        if (definition is null) return FieldErrors.Single("body", "must be a JSON object");
        if (pathSymbol is not null && definition.Symbol is not null && definition.Symbol != pathSymbol)
            return FieldErrors.Single("symbol", "must match the path");
        if (pathSymbol is not null) definition = definition with { Symbol = pathSymbol };
        var spec = definition.ToSpec(out var problems);
        if (spec is null) return Problems(problems, StatusCodes.Status400BadRequest);
        return await GatewayCalls.RunAsync(async () =>
        {
            var result = await trading.UpsertSymbolAsync(spec, create, ct);
            if (!result.Accepted)
                return Problems(result.Problems, result.Reason switch
                {
                    "SYMBOL_EXISTS" => StatusCodes.Status409Conflict,
                    "UNKNOWN_SYMBOL" => StatusCodes.Status404NotFound,
                    _ => StatusCodes.Status400BadRequest,
                });
            await symbols.InvalidateAsync(ct);
            var view = SymbolDefinition.From(result.Spec!);
            return create ? Results.Created($"/api/symbols/{spec.Symbol}", view) : Results.Ok(view);
        });
    }

    /// <summary>"field: message" lines as a validation problem.</summary>
    private static IResult Problems(IReadOnlyList<string> problems, int status)
    {
        var errors = new FieldErrors();
        foreach (var p in problems)
        {
            var colon = p.IndexOf(':');
            if (colon > 0) errors.Add(p[..colon], p[(colon + 1)..].Trim());
            else errors.Add("body", p);
        }
        return status == StatusCodes.Status400BadRequest ? errors.ToResult()
            : Results.Problem(statusCode: status, title: "Refused by the symbol registry", detail: string.Join("; ", problems));
    }

    private static readonly JsonSerializerOptions StrictJson = new(MessageTypeRegistry.JsonOptions)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };
}
