using Trading.Client.Api.Exchange;
using Trading.Client.Api.Market;
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

        market.MapGet("/orderbook/{symbol}", async (string symbol, int? limit, SymbolCatalog symbols, MarketDataReader market, CancellationToken ct) =>
        {
            if (limit is < 1 or > 1000) return FieldErrors.Single("limit", "1-1000");
            var spec = await symbols.FindAsync(symbol, ct);
            if (spec is null) return FieldErrors.Single("symbol", $"unknown symbol '{symbol}'", StatusCodes.Status404NotFound);
            return await GatewayCalls.RunAsync(async () => Results.Ok(ApiViews.Depth(spec, await market.DepthAsync(symbol, limit ?? 100, ct))));
        }).WithName("GetOrderBook")
            .WithSummary("Top levels of the book, from the latest-data cache (up to Exchange:DepthLevels levels) or the book itself.");

        market.MapGet("/ticker/{symbol}", async (string symbol, SymbolCatalog symbols, MarketDataReader market, CancellationToken ct) =>
        {
            var spec = await symbols.FindAsync(symbol, ct);
            if (spec is null) return FieldErrors.Single("symbol", $"unknown symbol '{symbol}'", StatusCodes.Status404NotFound);
            return await GatewayCalls.RunAsync(async () => Results.Ok(ApiViews.Ticker(spec, await market.TickerAsync(symbol, ct))));
        }).WithName("GetTicker");

        market.MapGet("/recent-trades/{symbol}", async (string symbol, int? limit, SymbolCatalog symbols, MarketDataReader market, CancellationToken ct) =>
        {
            if (limit is < 1 or > 1000) return FieldErrors.Single("limit", "1-1000");
            var spec = await symbols.FindAsync(symbol, ct);
            if (spec is null) return FieldErrors.Single("symbol", $"unknown symbol '{symbol}'", StatusCodes.Status404NotFound);
            return await GatewayCalls.RunAsync(async () =>
                Results.Ok((await market.RecentTradesAsync(symbol, limit ?? 100)).Select(t => ApiViews.PublicTrade(spec, t)).ToArray()));
        }).WithName("GetRecentTrades").WithSummary("The symbol's latest trades, newest first, from the latest-data cache.");

        market.MapGet("/price/{symbol}", async (string symbol, SymbolCatalog symbols, LatestPriceReader prices, CancellationToken ct) =>
        {
            var spec = await symbols.FindAsync(symbol, ct);
            if (spec is null) return FieldErrors.Single("symbol", $"unknown symbol '{symbol}'", StatusCodes.Status404NotFound);
            return await GatewayCalls.RunAsync(async () =>
            {
                var (price, source) = await prices.GetAsync(symbol, ct);
                return price is null
                    ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No trades", detail: $"{symbol} has not traded yet.")
                    : Results.Ok(new LatestPriceResponse(symbol, ApiViews.Price(spec, price.Price), price.Timestamp, source.ToString().ToLowerInvariant()));
            });
        }).WithName("GetLatestPrice").WithSummary("The latest trade price: cache first, then ClickHouse (refilling the cache), then the book.");

        return routes;
    }
}
