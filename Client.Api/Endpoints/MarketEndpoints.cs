using Trading.Client.Api.Exchange;
using Trading.Grains.Symbols;

namespace Trading.Client.Api.Endpoints;

/// <summary>Public market data: symbols, order book depth and tickers.</summary>
public static class MarketEndpoints
{
    public static IEndpointRouteBuilder MapMarketEndpoints(this IEndpointRouteBuilder routes)
    {
        var market = routes.MapGroup("/api").WithTags("Market");

        market.MapGet("/symbols", (SymbolCatalog symbols, CancellationToken ct) => GatewayCalls.RunAsync(async () =>
            Results.Ok((await symbols.AllAsync(ct)).Select(SymbolDefinition.From).ToArray()))).WithName("ListSymbols");

        market.MapGet("/orderbook/{symbol}", async (string symbol, int? limit, SymbolCatalog symbols, TradingService trading, CancellationToken ct) =>
        {
            if (limit is < 1 or > 1000) return FieldErrors.Single("limit", "1-1000");
            var spec = await symbols.FindAsync(symbol, ct);
            if (spec is null) return FieldErrors.Single("symbol", $"unknown symbol '{symbol}'", StatusCodes.Status404NotFound);
            return await GatewayCalls.RunAsync(async () => Results.Ok(ApiViews.Depth(spec, await trading.GetDepthAsync(symbol, limit ?? 100, ct))));
        }).WithName("GetOrderBook");

        market.MapGet("/ticker/{symbol}", async (string symbol, SymbolCatalog symbols, TradingService trading, CancellationToken ct) =>
        {
            var spec = await symbols.FindAsync(symbol, ct);
            if (spec is null) return FieldErrors.Single("symbol", $"unknown symbol '{symbol}'", StatusCodes.Status404NotFound);
            return await GatewayCalls.RunAsync(async () => Results.Ok(ApiViews.Ticker(spec, await trading.GetTickerAsync(symbol, ct))));
        }).WithName("GetTicker");

        return routes;
    }
}
