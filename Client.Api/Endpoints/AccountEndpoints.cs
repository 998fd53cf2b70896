using Microsoft.Extensions.Options;
using Trading.Client.Api.Exchange;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Symbols;
using Trading.Runtime.Configuration;

namespace Trading.Client.Api.Endpoints;

/// <summary>Balances, positions, leverage and margin mode of the caller (admins may pass ?userId=).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        var account = routes.MapGroup("/api").WithTags("Account").RequireUser();

        account.MapGet("/account", (long? userId, HttpContext http, SymbolCatalog symbols, TradingService trading, CancellationToken ct) =>
            EndpointUser.Scoped(http, userId, user => GatewayCalls.RunAsync(async () =>
            {
                var view = await trading.GetAccountAsync(user, ct);
                var specs = await symbols.AllAsync(ct);
                return Results.Ok(new AccountResponse(view.UserId, view.UpdateTime, [.. view.Balances.Select(ApiViews.Balance)],
                    [.. view.Positions.Select(p => ApiViews.Position(specs.First(s => s.Symbol == p.Symbol), p))]));
            }))).WithName("GetAccount");

        account.MapGet("/positions", (long? userId, HttpContext http, SymbolCatalog symbols, TradingService trading, CancellationToken ct) =>
            EndpointUser.Scoped(http, userId, user => GatewayCalls.RunAsync(async () =>
            {
                var view = await trading.GetAccountAsync(user, ct);
                var specs = await symbols.AllAsync(ct);
                return Results.Ok(view.Positions.Select(p => ApiViews.Position(specs.First(s => s.Symbol == p.Symbol), p)).ToArray());
            }))).WithName("ListPositions");

        account.MapPut("/positions/{symbol}", async (string symbol, HttpContext http, SymbolCatalog symbols, TradingService trading, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            var body = await JsonBody.ReadAsync(http.Request, errors, ct);
            if (body is null) return errors.ToResult();
            var leverage = body.Long("leverage");
            var mode = body.Enum("marginType", ApiEnums.MarginModes);
            body.RejectUnknownFields();
            if (leverage is < 1 or > 1000) errors.Add("leverage", "1-1000");
            if (leverage is null && mode is null && !errors.Any) errors.Add("body", "give leverage, marginType or both");
            var spec = await symbols.FindAsync(symbol, ct);
            if (spec is null) errors.Add("symbol", $"unknown symbol '{symbol}'");
            if (errors.Any) return errors.ToResult();
            var user = EndpointUser.Id(http);
            return await GatewayCalls.RunAsync(async () =>
            {
                if (mode is { } m)
                {
                    var r = await trading.SetMarginModeAsync(user, spec!, m, ct);
                    if (!r.Accepted) return FieldErrors.Single("marginType", r.Reason ?? "refused", StatusCodes.Status409Conflict, "Refused by the account");
                }
                if (leverage is { } l)
                {
                    var r = await trading.SetLeverageAsync(user, spec!, (int)l, ct);
                    if (!r.Accepted) return FieldErrors.Single("leverage", r.Reason ?? "refused", StatusCodes.Status409Conflict, "Refused by the account");
                }
                var view = await trading.GetAccountAsync(user, ct);
                var position = view.Positions.FirstOrDefault(p => p.Symbol == symbol);
                return position is null ? Results.NoContent() : Results.Ok(ApiViews.Position(spec!, position));
            });
        }).WithName("SetPosition").WithSummary("Set leverage and/or margin type (ISOLATED, CROSS) of the caller's position on a symbol.");

        account.MapPost("/account/deposit", async (HttpContext http, TradingService trading, IOptions<ExchangeOptions> exchange,
            IOptions<ClusterOptions> cluster, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            var body = await JsonBody.ReadAsync(http.Request, errors, ct);
            if (body is null) return errors.ToResult();
            var asset = body.String("asset", required: true, maxLength: 10);
            var amount = body.Decimal("amount", required: true);
            var userId = body.Long("userId");
            body.RejectUnknownFields();
            var admin = EndpointUser.IsAdmin(http);
            var faucet = exchange.Value.Faucet ?? cluster.Value.Mode == ClusterMode.Embedded;
            if (!admin && !faucet)
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Admins only", detail: "Deposits need the admin role.");
            if (amount is { } a && (a <= 0 || a * Money.Scale != decimal.Truncate(a * Money.Scale))) errors.Add("amount", "> 0 with at most 8 decimal places");
            else if (!admin && amount > exchange.Value.FaucetMaxAmount) errors.Add("amount", $"the faucet gives at most {exchange.Value.FaucetMaxAmount}");
            if (userId is <= 0) errors.Add("userId", "must be > 0");
            if (errors.Any) return errors.ToResult();
            return await EndpointUser.Scoped(http, userId, user => GatewayCalls.RunAsync(async () =>
            {
                var r = await trading.DepositAsync(user, asset!, Money.FromDecimal(amount!.Value), ct);
                return r.Accepted ? Results.Ok(new { userId = user, asset, amount = ApiViews.Dec(amount.Value) })
                    : FieldErrors.Single("amount", r.Reason ?? "refused", StatusCodes.Status409Conflict, "Refused by the account");
            }));
        }).WithName("Deposit").WithSummary("Credit a wallet: admins for any user (userId), everyone for themselves when the faucet is on.");

        return routes;
    }
}
