using Microsoft.Extensions.Options;
using Trading.Client.Api.Exchange;
using Trading.Client.Api.History;
using Trading.Runtime.Configuration;
using Trading.Runtime.Storage.ClickHouse;

namespace Trading.Client.Api.Endpoints;

/// <summary>
/// History from ClickHouse: public candles of a symbol and the caller's trades (admins may pass ?userId=). Answers
/// 503 when the history is disabled (History:Enabled) or ClickHouse cannot be reached.
/// </summary>
public static class HistoryEndpoints
{
    public static IEndpointRouteBuilder MapHistoryEndpoints(this IEndpointRouteBuilder routes)
    {
        var history = routes.MapGroup("/api").WithTags("History");

        history.MapGet("/klines/{symbol}", async (string symbol, string? interval, string? from, string? to, string? limit,
            SymbolCatalog symbols, HistoryReader reader, IOptions<HistoryOptions> options, IOptions<ClusterOptions> cluster,
            CancellationToken ct) =>
        {
            if (!options.Value.IsEnabled(cluster.Value.Mode)) return Disabled();
            var errors = new FieldErrors();
            var query = HistoryQuery.ParseKlines(symbol, interval, from, to, limit, errors);
            if (query is null) return errors.ToResult();
            var spec = await symbols.FindAsync(symbol, ct);
            if (spec is null) return FieldErrors.Single("symbol", $"unknown symbol '{symbol}'");
            return await ReadAsync(async () =>
            {
                var klines = await reader.KlinesAsync(query.Symbol, query.Interval, query.From, query.To, query.Limit, ct);
                return Results.Ok(klines.Select(k => HistoryViews.Kline(spec, query.Interval, k)).ToArray());
            });
        }).WithName("GetKlines");

        history.MapGet("/trades/history", (string? symbol, string? from, string? to, string? fromId, string? limit, long? userId,
            HttpContext http, SymbolCatalog symbols, HistoryReader reader, IOptions<HistoryOptions> options, IOptions<ClusterOptions> cluster,
            CancellationToken ct) => EndpointUser.Scoped(http, userId, async user =>
        {
            if (!options.Value.IsEnabled(cluster.Value.Mode)) return Disabled();
            var errors = new FieldErrors();
            var query = HistoryQuery.ParseTrades(symbol, from, to, fromId, limit, errors);
            if (query is null) return errors.ToResult();
            var spec = await symbols.FindAsync(query.Symbol, ct);
            if (spec is null) return FieldErrors.Single("symbol", $"unknown symbol '{query.Symbol}'");
            return await ReadAsync(async () =>
            {
                var trades = await reader.UserTradesAsync(user, query.Symbol, query.From, query.To, query.FromId, query.Limit, ct);
                return Results.Ok(trades.Select(t => HistoryViews.Trade(spec, user, t)).ToArray());
            });
        })).RequireUser().WithName("GetTradeHistory");

        return routes;
    }

    private static IResult Disabled() => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "History is disabled", detail: "This deployment keeps no ClickHouse history (History:Enabled=false).");

    private static async Task<IResult> ReadAsync(Func<Task<IResult>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (ClickHouseException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "History unavailable", detail: e.Message);
        }
    }
}
