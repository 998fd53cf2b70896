using System.Net.Http;
using System.Text;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.Integration.Smoke;

/// <summary>ClickHouse 18.16 through its HTTP interface: DDL, JSONEachRow insert, select.</summary>
[Trait("Category", "Integration")]
public sealed class ClickHouseSmokeTests
{
    [Fact]
    public async Task Rows_inserted_as_JSONEachRow_are_selected_back()
    {
        var options = TestServers.ClickHouse;
        using var http = new HttpClient { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromSeconds(30) };
        var table = "smoke_" + Guid.NewGuid().ToString("N");

        await Execute(http, "CREATE DATABASE IF NOT EXISTS smoke_tests");
        await Execute(http, $"CREATE TABLE smoke_tests.{table} (symbol String, price Decimal64(8), qty Decimal64(8), ts DateTime) " +
                            "ENGINE = MergeTree() PARTITION BY toYYYYMM(ts) ORDER BY (symbol, ts)");
        try
        {
            // ClickHouse 18.16 reads decimals in JSONEachRow only as unquoted numbers.
            var rows = new StringBuilder()
                .Append("{\"symbol\":\"BTCUSDT\",\"price\":50000.12345678,\"qty\":0.001,\"ts\":\"2026-11-22 10:00:00\"}\n")
                .Append("{\"symbol\":\"BTCUSDT\",\"price\":50001.5,\"qty\":0.25,\"ts\":\"2026-11-22 10:00:01\"}\n")
                .Append("{\"symbol\":\"ETHUSDT\",\"price\":3000,\"qty\":2,\"ts\":\"2026-11-22 10:00:02\"}\n")
                .ToString();
            await Execute(http, $"INSERT INTO smoke_tests.{table} FORMAT JSONEachRow", rows);

            var result = await Execute(http,
                $"SELECT symbol, count(), toString(sum(qty)), toString(max(price)) FROM smoke_tests.{table} GROUP BY symbol ORDER BY symbol FORMAT TabSeparated");
            Assert.Equal("BTCUSDT\t2\t0.25100000\t50001.50000000\nETHUSDT\t1\t2.00000000\t3000.00000000\n", result);
        }
        finally
        {
            await Execute(http, $"DROP TABLE IF EXISTS smoke_tests.{table}");
        }
    }

    private static async Task<string> Execute(HttpClient http, string query, string? body = null)
    {
        var uri = "/?query=" + Uri.EscapeDataString(query);
        using var response = body is null
            ? await http.PostAsync(uri, new StringContent(""))
            : await http.PostAsync(uri, new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"ClickHouse answered {(int)response.StatusCode}: {text}");
        return text;
    }
}
