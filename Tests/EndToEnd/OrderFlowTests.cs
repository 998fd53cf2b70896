using System.Net;
using System.Text.Json;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.EndToEnd;

/// <summary>Users trading over signed HTTP against the real Kafka and Redis: the money adds up to the last 1e-8.</summary>
[Trait("Category", "Integration")]
public sealed class OrderFlowTests(KafkaExchangeFixture fixture) : IClassFixture<KafkaExchangeFixture>
{
    private ExchangeHost Host => fixture.Host;

    [Fact]
    public async Task Two_users_trade_with_leverage_and_balances_fees_positions_and_pnl_are_exact()
    {
        var admin = Host.As(1);
        var a = Host.As(1001);
        var b = Host.As(1002);
        await Api.Deposit(admin, 1001, 10_000m);
        await Api.Deposit(admin, 1002, 10_000m);
        await a.SendJsonAsync(HttpMethod.Put, "/api/positions/BTCUSDT", new { leverage = 10 }, 200);
        await b.SendJsonAsync(HttpMethod.Put, "/api/positions/BTCUSDT", new { leverage = 20, marginType = "ISOLATED" }, 200);
        await Api.Mark(admin, "BTCUSDT", 50_000m);

        // B rests a sell; A lifts it: 0.1 BTC at 50,000 = 5,000 USDT notional; maker 2 bp = 1, taker 4 bp = 2.
        var resting = await Api.Limit(b, "BTCUSDT", "SELL", 50_000m, 0.1m);
        Assert.Equal("NEW", resting.GetProperty("status").GetString());
        var taken = await Api.Limit(a, "BTCUSDT", "BUY", 50_000m, 0.1m);
        Assert.Equal("FILLED", taken.GetProperty("status").GetString());
        var fill = Assert.Single(taken.GetProperty("fills").EnumerateArray());
        Assert.Equal(50_000m, fill.Dec("price"));
        Assert.Equal(2m, fill.Dec("fee"));

        // A sells half back to B at 51,000: A realizes +50 and pays maker 0.51; B realizes -50 and pays taker 1.02.
        await Api.Limit(a, "BTCUSDT", "SELL", 51_000m, 0.05m);
        var closing = await Api.Limit(b, "BTCUSDT", "BUY", 51_000m, 0.05m);
        Assert.Equal("FILLED", closing.GetProperty("status").GetString());

        await Api.Eventually(async () =>
        {
            var balanceA = await Api.Balance(a);
            Assert.Equal(10_000m - 2m + 50m - 0.51m, balanceA.Dec("walletBalance"));
            var balanceB = await Api.Balance(b);
            Assert.Equal(10_000m - 1m - 50m - 1.02m, balanceB.Dec("walletBalance"));
        });
        var positionA = (await Api.Position(a, "BTCUSDT"))!.Value;
        Assert.Equal("LONG", positionA.GetProperty("positionSide").GetString());
        Assert.Equal(0.05m, positionA.Dec("positionAmt"));
        Assert.Equal(50_000m, positionA.Dec("entryPrice"));
        Assert.Equal(50m, positionA.Dec("realizedPnl"));
        Assert.Equal(10, positionA.GetProperty("leverage").GetInt32());
        Assert.Equal("CROSS", positionA.GetProperty("marginType").GetString());
        var positionB = (await Api.Position(b, "BTCUSDT"))!.Value;
        Assert.Equal("SHORT", positionB.GetProperty("positionSide").GetString());
        Assert.Equal(-0.05m, positionB.Dec("positionAmt"));
        Assert.Equal(-50m, positionB.Dec("realizedPnl"));
        Assert.Equal("ISOLATED", positionB.GetProperty("marginType").GetString());
        // Isolated margin of B's remaining short: 0.05 * 50,000 / 20 = 125.
        Assert.Equal(125m, positionB.Dec("margin"));

        var tradesA = (await a.GetJsonAsync("/api/trades?symbol=BTCUSDT")).EnumerateArray().ToList();
        Assert.Equal(2, tradesA.Count);
        Assert.Equal(50m, tradesA[0].Dec("realizedPnl")); // newest first
        Assert.True(tradesA[0].GetProperty("maker").GetBoolean());
        Assert.Equal(0.51m, tradesA[0].Dec("commission"));
        var ordersA = (await a.GetJsonAsync("/api/orders?symbol=BTCUSDT&status=FILLED")).EnumerateArray().ToList();
        Assert.Equal(2, ordersA.Count);
        Assert.All(ordersA, o => Assert.Equal(o.Dec("origQty"), o.Dec("executedQty")));
    }

    [Fact]
    public async Task Amend_and_cancel_keep_the_book_and_the_reservations_consistent()
    {
        var admin = Host.As(1);
        var user = Host.As(1003);
        await Api.Deposit(admin, 1003, 50_000m);
        var before = await Api.Balance(user);
        Assert.Equal(0m, before.Dec("reservedForOrders"));

        var placed = await Api.Limit(user, "ETHUSDT", "BUY", 2_000m, 2m); // 4,000 notional at leverage 20 (default) -> 200 reserved + fees
        var orderId = placed.GetProperty("orderId").GetInt64();
        var reserved = (await Api.Balance(user)).Dec("reservedForOrders");
        Assert.True(reserved >= 200m, $"reserved {reserved}");
        await AssertBid(2_000m, 2m);

        // Smaller quantity: priority kept, half the reservation.
        var amended = await user.SendJsonAsync(HttpMethod.Patch, $"/api/orders/{orderId}", new { quantity = "1" }, 200);
        Assert.Equal("NEW", amended.GetProperty("status").GetString());
        Assert.Equal(reserved / 2, (await Api.Balance(user)).Dec("reservedForOrders"));
        await AssertBid(2_000m, 1m);

        // New price: the order moves, the reservation follows the price.
        await user.SendJsonAsync(HttpMethod.Patch, $"/api/orders/{orderId}", new { price = "1000" }, 200);
        Assert.Equal(reserved / 4, (await Api.Balance(user)).Dec("reservedForOrders"));
        await AssertBid(1_000m, 1m);
        var order = await user.GetJsonAsync($"/api/orders/{orderId}");
        Assert.Equal(1_000m, order.Dec("price"));
        Assert.Equal(1m, order.Dec("origQty"));

        // An amend the account cannot cover is refused and changes nothing.
        using (var tooBig = await user.SendAsync(HttpMethod.Patch, $"/api/orders/{orderId}", new { quantity = "9000" }))
            Assert.Equal(HttpStatusCode.Conflict, tooBig.StatusCode);
        Assert.Equal(reserved / 4, (await Api.Balance(user)).Dec("reservedForOrders"));
        await AssertBid(1_000m, 1m);

        var canceled = await user.SendJsonAsync(HttpMethod.Delete, $"/api/orders/{orderId}", null, 200);
        Assert.Equal("CANCELED", canceled.GetProperty("status").GetString());
        await Api.Eventually(async () => Assert.Equal(0m, (await Api.Balance(user)).Dec("reservedForOrders")));
        Assert.Equal(before.Dec("availableBalance"), (await Api.Balance(user)).Dec("availableBalance"));
        // Public depth is served from the latest-data cache, which trails the book by the cache writer's lag.
        await Api.Eventually(async () =>
            Assert.Empty((await Host.As(1003).GetJsonAsync("/api/orderbook/ETHUSDT")).GetProperty("bids").EnumerateArray()));
        Assert.Equal("CANCELED", (await user.GetJsonAsync($"/api/orders/{orderId}")).GetProperty("status").GetString());

        Task AssertBid(decimal price, decimal quantity) => Api.Eventually(async () => // the cached depth trails the book slightly
        {
            var book = await user.GetJsonAsync("/api/orderbook/ETHUSDT");
            var bid = Assert.Single(book.GetProperty("bids").EnumerateArray());
            Assert.Equal(price, decimal.Parse(bid[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(quantity, decimal.Parse(bid[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        });
    }

    [Fact]
    public async Task A_user_can_neither_read_nor_cancel_another_users_orders()
    {
        var admin = Host.As(1);
        var owner = Host.As(1006);
        var other = Host.As(1005);
        await Api.Deposit(admin, 1006, 10_000m);
        var placed = await Api.Limit(owner, "ETHUSDT", "SELL", 9_000m, 0.5m);
        var orderId = placed.GetProperty("orderId").GetInt64();

        using (var read = await other.SendAsync(HttpMethod.Get, $"/api/orders/{orderId}"))
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        using (var cancel = await other.SendAsync(HttpMethod.Delete, $"/api/orders/{orderId}"))
            Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        using (var account = await other.SendAsync(HttpMethod.Get, "/api/account?userId=1006"))
            Assert.Equal(HttpStatusCode.Forbidden, account.StatusCode);
        using (var orders = await other.SendAsync(HttpMethod.Get, "/api/orders?userId=1006"))
            Assert.Equal(HttpStatusCode.Forbidden, orders.StatusCode);
        Assert.DoesNotContain((await other.GetJsonAsync("/api/orders")).EnumerateArray(), o => o.GetProperty("orderId").GetInt64() == orderId);

        // Still open for its owner, and an admin may look at it on the owner's behalf.
        Assert.Equal("NEW", (await owner.GetJsonAsync($"/api/orders/{orderId}")).GetProperty("status").GetString());
        Assert.Equal("NEW", (await admin.GetJsonAsync($"/api/orders/{orderId}?userId=1006")).GetProperty("status").GetString());
        await owner.SendJsonAsync(HttpMethod.Delete, $"/api/orders/{orderId}", null, 200);
    }

    [Fact]
    public async Task A_position_is_liquidated_when_the_mark_price_crosses_its_liquidation_price()
    {
        var admin = Host.As(1);
        var symbol = "LIQ" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant() + "USDT";
        await admin.SendJsonAsync(HttpMethod.Post, "/api/symbols", new
        {
            symbol, baseAsset = "LIQ", quoteAsset = "USDT", kind = "PERPETUAL", tickSize = 0.1, stepSize = 0.001, minQty = 0.001, maxQty = 1000,
            minNotional = 5, priceBand = 0.2, makerFee = 0, takerFee = 0, maxLeverage = 50,
            brackets = new[] { new { notionalFloor = 0, notionalCap = 10_000_000, maxLeverage = 50, maintenanceMarginRate = 0.01, maintenanceAmount = 0 } },
        }, 201);
        var victim = Host.As(1004);
        var maker = Host.As(1005);
        await Api.Deposit(admin, 1004, 1_000m);
        await Api.Deposit(admin, 1005, 100_000m);
        await Api.Eventually(async () => Assert.Equal(200, (int)(await victim.SendAsync(HttpMethod.Put, $"/api/positions/{symbol}",
            new { leverage = 20, marginType = "ISOLATED" })).StatusCode));
        await Api.Mark(admin, symbol, 1_000m);

        // Victim: long 10 at 1,000 with 20x isolated: margin 500. Liquidation near 1000 * (1 - 1/20) / (1 - 1%) = 959.6.
        await Api.Limit(maker, symbol, "SELL", 1_000m, 10m);
        Assert.Equal("FILLED", (await Api.Limit(victim, symbol, "BUY", 1_000m, 10m)).GetProperty("status").GetString());
        await Api.Limit(maker, symbol, "BUY", 955m, 10m); // liquidity below the liquidation price, above the bankruptcy price 950
        var position = await WaitForPosition(victim, symbol, p => p.Dec("positionAmt") == 10m);
        var liquidationPrice = position.Dec("liquidationPrice");
        Assert.InRange(liquidationPrice, 955m, 962m);

        await Api.Mark(admin, symbol, 958m);
        await Api.Eventually(async () =>
        {
            var p = await Api.Position(victim, symbol);
            Assert.Equal(0m, p!.Value.Dec("positionAmt"));
        });
        var trades = (await victim.GetJsonAsync($"/api/trades?symbol={symbol}")).EnumerateArray().ToList();
        var liquidation = trades.First();
        Assert.True(liquidation.GetProperty("liquidation").GetBoolean());
        Assert.Equal("SELL", liquidation.GetProperty("side").GetString());
        Assert.Equal(955m, liquidation.Dec("price"));
        // Isolated: the loss (10 * 45 = 450) comes out of the position's margin; the wallet keeps the rest.
        await Api.Eventually(async () => Assert.Equal(1_000m - 450m, (await Api.Balance(victim)).Dec("walletBalance")));
        var liquidationOrder = (await victim.GetJsonAsync($"/api/orders?symbol={symbol}")).EnumerateArray()
            .First(o => o.GetProperty("liquidation").GetBoolean());
        Assert.Equal("FILLED", liquidationOrder.GetProperty("status").GetString());
    }

    private static async Task<JsonElement> WaitForPosition(SignedClient user, string symbol, Func<JsonElement, bool> predicate)
    {
        JsonElement found = default;
        await Api.Eventually(async () =>
        {
            var p = await Api.Position(user, symbol);
            Assert.True(p is not null && predicate(p.Value), $"position {p}");
            found = p!.Value;
        });
        return found;
    }
}
