using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Trading.Runtime.Operations;
using Trading.Runtime.Streams;
using Trading.Runtime.Streams.Kafka;
using Trading.Tests.Infrastructure;
using Trading.Tests.Runtime.Providers;

namespace Trading.Tests.EndToEnd.Operations;

/// <summary>One exchange on the real Kafka and Redis with frequent silo reports, for the monitor, metrics and alert tests.</summary>
public sealed class OperationsFixture : IAsyncLifetime
{
    public ExchangeHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // A configured, lower snapshot threshold: the alert test crosses it through IOperationsMetrics.
        Host = ExchangeHost.Start(TestBackend.KafkaRedis, OperationsApi.FastReports(new Dictionary<string, string?>
        {
            ["Operations:Thresholds:SnapshotGenerationMs"] = "5000",
        }));
        await Api.Eventually(async () => Assert.Contains("ETHUSDT", await Host.Anonymous().GetStringAsync("/api/symbols")), 60_000);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[Trait("Category", "Integration")]
public sealed class KafkaMonitorTests(OperationsFixture fixture) : IClassFixture<OperationsFixture>
{
    private ExchangeHost Host => fixture.Host;

    private static readonly string[] Endpoints =
    [
        "GET /api/kafka/monitor/status", "POST /api/kafka/monitor/force-flush", "GET /api/kafka/monitor/offset/status",
        "GET /api/kafka/monitor/offset/consistency", "GET /api/kafka/monitor/offset/pending", "POST /api/kafka/monitor/offset/reset/x",
        "GET /api/kafka/consumer/offsets", "GET /api/kafka/consumer/status", "POST /api/kafka/consumer/pause", "POST /api/kafka/consumer/resume",
    ];

    private static readonly string[] Indicators =
    [
        "pendingMessages", "pushedTotal", "pushFailureRatePercent", "pushLatencyP99Ms", "snapshotGenerationMs", "recoveryMs",
        "validationFailures", "offsetInconsistencyMs", "pendingAcks", "offsetLagMs",
    ];

    [Fact]
    public async Task Every_operations_endpoint_refuses_a_user_with_403_and_an_unsigned_caller_with_401()
    {
        var user = Host.As(1001);
        using var anonymous = Host.Anonymous();
        foreach (var endpoint in Endpoints)
        {
            var (method, path) = (new HttpMethod(endpoint.Split(' ')[0]), endpoint.Split(' ')[1]);
            using (var response = await user.SendAsync(method, path, method == HttpMethod.Post ? new { } : null))
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{endpoint}: {(int)response.StatusCode}");
            using (var response = await anonymous.SendAsync(new HttpRequestMessage(method, path)))
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{endpoint} unsigned: {(int)response.StatusCode}");
        }
        // Not paused by any of that.
        Assert.False((await OperationsApi.Get(Host.As(1), "/api/kafka/consumer/status")).GetProperty("paused").GetBoolean());
    }

    [Fact]
    public async Task A_bad_offset_reset_is_refused_naming_the_field_and_changes_nothing()
    {
        var admin = Host.As(1);
        var topic = Host.Settings["Topics:OrdersCommands"]!;
        var before = (await OperationsApi.Get(admin, "/api/kafka/consumer/status")).GetProperty("controlVersion").GetInt64();
        await AssertField($"/api/kafka/monitor/offset/reset/no.such.topic", new { to = "earliest" }, "topic");
        await AssertField($"/api/kafka/monitor/offset/reset/{topic}", new { to = "yesterday" }, "to");
        await AssertField($"/api/kafka/monitor/offset/reset/{topic}", new { to = "earliest", partitions = new { } }, "body");
        await AssertField($"/api/kafka/monitor/offset/reset/{topic}", new { partitions = new Dictionary<string, object> { ["0"] = 0, ["77"] = "latest" } }, "partitions.77");
        await AssertField($"/api/kafka/monitor/offset/reset/{topic}", new { partitions = new Dictionary<string, object> { ["1"] = 999_999_999 } }, "partitions.1");
        await AssertField($"/api/kafka/monitor/offset/reset/{topic}", new { to = "earliest", extra = 1 }, "extra");
        Assert.Equal(before, (await OperationsApi.Get(admin, "/api/kafka/consumer/status")).GetProperty("controlVersion").GetInt64());

        async Task AssertField(string path, object body, string field)
        {
            var problem = await admin.SendJsonAsync(HttpMethod.Post, path, body, 400);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{path} {JsonSerializer.Serialize(body)}: {problem}");
        }
    }

    [Fact]
    public async Task Monitor_status_counts_pushes_and_pending_messages_drain_after_a_flush()
    {
        var admin = Host.As(1);
        var trader = Host.As(1002);
        await Api.Deposit(admin, 1002, 10_000m);
        await Api.Eventually(async () => Assert.True((await OperationsApi.Get(admin, "/api/kafka/monitor/status")).GetProperty("silos").GetInt32() >= 1));
        var before = await OperationsApi.Get(admin, "/api/kafka/monitor/status");
        var pushedBefore = before.GetProperty("totalPushedCount").GetInt64();
        Assert.True(before.GetProperty("timestamp").GetInt64() > 0);

        const int orders = 5;
        for (var i = 0; i < orders; i++) await Api.Limit(trader, "ETHUSDT", "BUY", 1_000m + i, 0.01m);
        // Each accepted order is at least: the request's forward to the book, the book's reply and its events.
        await Api.Eventually(async () =>
        {
            var status = await OperationsApi.Get(admin, "/api/kafka/monitor/status");
            Assert.True(status.GetProperty("totalPushedCount").GetInt64() >= pushedBefore + 3 * orders, status.ToString());
        });

        var flush = await OperationsApi.Post(admin, "/api/kafka/monitor/force-flush");
        Assert.True(flush.GetProperty("flush").GetProperty("confirmed").GetBoolean());
        Assert.Equal(0, flush.GetProperty("status").GetProperty("pendingOutputs").GetInt64());
        // Idle: everything consumed is checkpointed and committed within the checkpoint interval, so nothing stays pending.
        await Api.Eventually(async () =>
        {
            var status = await OperationsApi.Get(admin, "/api/kafka/monitor/status");
            Assert.Equal(0, status.GetProperty("pendingMessageCount").GetInt64());
            var pending = await OperationsApi.Get(admin, "/api/kafka/monitor/offset/pending");
            Assert.Equal(0, pending.GetProperty("total").GetInt64());
            var consistency = await OperationsApi.Get(admin, "/api/kafka/monitor/offset/consistency");
            Assert.True(consistency.GetProperty("consistent").GetBoolean(), consistency.ToString());
            // Each view is built from the report of its own read (one every 200 ms), so all of them are checked on one pass.
            var offsets = await OperationsApi.Get(admin, "/api/kafka/monitor/offset/status");
            var requests = offsets.EnumerateArray().Single(t => t.GetProperty("topic").GetString() == Host.Settings["Topics:OrdersRequests"]);
            Assert.Equal(12, requests.GetProperty("partitions").GetArrayLength());
            Assert.Equal(requests.GetProperty("committedOffset").GetInt64(), requests.GetProperty("currentOffset").GetInt64());
            Assert.True(requests.GetProperty("currentOffset").GetInt64() >= orders);
        });

        var groups = await OperationsApi.Get(admin, "/api/kafka/consumer/offsets");
        Assert.Contains(groups.EnumerateArray(), g => g.GetProperty("topic").GetString() == Host.Settings["Topics:OrdersCommands"]
            && g.GetProperty("totalLag").GetInt64() == 0 && g.GetProperty("partitions").GetArrayLength() == 12);
    }

    [Fact]
    public async Task Metrics_parse_as_prometheus_text_with_every_key_indicator_and_as_json()
    {
        using var anonymous = Host.Anonymous();
        using var response = await anonymous.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        var samples = ParsePrometheus(await response.Content.ReadAsStringAsync());
        foreach (var metric in new[]
                 {
                     "trading_pending_messages", "trading_pushed_total", "trading_push_success_rate_percent", "trading_push_failure_rate_percent",
                     "trading_push_latency_p99_ms", "trading_push_latency_seconds_count", "trading_snapshot_generation_ms", "trading_recovery_ms",
                     "trading_snapshot_validations_total{result=\"passed\"}", "trading_snapshot_validations_total{result=\"failed\"}",
                     "trading_offset_consistent", "trading_offset_inconsistency_ms", "trading_pending_acks", "trading_offset_lag_ms",
                     "trading_alert_threshold{indicator=\"offsetLagMs\"}",
                 })
            Assert.True(samples.ContainsKey(metric), $"{metric} missing");
        Assert.Equal(5000d, samples["trading_alert_threshold{indicator=\"snapshotGenerationMs\"}"]); // from configuration
        Assert.Equal(100d, samples["trading_alert_threshold{indicator=\"pushLatencyP99Ms\"}"]);
        // Histogram: cumulative buckets, +Inf equals the count.
        var buckets = samples.Where(s => s.Key.StartsWith("trading_push_latency_seconds_bucket", StringComparison.Ordinal)).Select(s => s.Value).ToArray();
        Assert.Equal(LatencyHistogram.BoundsMs.Length + 1, buckets.Length);
        for (var i = 1; i < buckets.Length; i++) Assert.True(buckets[i] >= buckets[i - 1]);
        Assert.Equal(samples["trading_push_latency_seconds_count"], buckets[^1]);

        var json = await Host.As(1).SendJsonAsync(HttpMethod.Get, "/metrics?format=json", null, 200);
        Assert.Equal(0, json.GetProperty("code").GetInt32());
        var indicators = json.GetProperty("data").GetProperty("indicators");
        foreach (var name in Indicators) Assert.True(indicators.TryGetProperty(name, out _), $"{name} missing in {indicators}");
    }

    [Fact]
    public async Task An_alert_fires_to_risk_alerts_once_while_a_threshold_is_crossed_and_resolves()
    {
        var metrics = Host.Service<IOperationsMetrics>();
        using var log = new KafkaMessageLog(TestServers.Kafka);
        using var consumer = log.CreateGroupConsumer(TestServers.UniqueName("alerts"), new NoOpListener());
        consumer.Subscribe([Host.Settings["Topics:RiskAlerts"]!]);

        metrics.SnapshotGenerated(TimeSpan.FromSeconds(6), succeeded: true); // above the configured 5 s
        var firing = await NextAlert(consumer, "snapshotGenerationMs");
        Assert.Equal("FIRING", firing.GetProperty("state").GetString());
        Assert.Equal(6000m, firing.GetProperty("value").GetDecimal());
        Assert.Equal(5000m, firing.GetProperty("threshold").GetDecimal());
        Assert.Equal(Host.ClusterId, firing.GetProperty("clusterId").GetString());

        // The condition persists for many evaluations (every 200 ms): no second alert.
        await Task.Delay(1500);
        metrics.SnapshotGenerated(TimeSpan.FromSeconds(1), succeeded: true);
        var resolved = await NextAlert(consumer, "snapshotGenerationMs");
        Assert.Equal("RESOLVED", resolved.GetProperty("state").GetString());
        Assert.Equal(1000m, resolved.GetProperty("value").GetDecimal());
    }

    private static async Task<JsonElement> NextAlert(IGroupConsumer consumer, string indicator)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var record = await Task.Run(() => consumer.Poll(TimeSpan.FromMilliseconds(200)));
            if (record is null) continue;
            var alert = JsonDocument.Parse(record.Value).RootElement.Clone();
            if (alert.GetProperty("indicator").GetString() == indicator) return alert;
        }
        throw new TimeoutException($"no alert for {indicator}");
    }

    /// <summary>Parses the text format strictly: HELP and TYPE before a family's samples, every sample "series value".</summary>
    private static Dictionary<string, double> ParsePrometheus(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        var typed = new HashSet<string>(StringComparer.Ordinal);
        var sample = new Regex("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\"(,[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\")*\\})? (\\S+)$");
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0) continue;
            if (line.StartsWith("# HELP ", StringComparison.Ordinal)) continue;
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Assert.Contains(parts[3], new[] { "gauge", "counter", "histogram" });
                Assert.True(typed.Add(parts[2]), $"TYPE twice: {line}");
                continue;
            }
            var m = sample.Match(line);
            Assert.True(m.Success, $"not a sample line: '{line}'");
            var name = m.Groups[1].Value;
            var family = Regex.Replace(name, "_(bucket|sum|count)$", "");
            Assert.True(typed.Contains(name) || typed.Contains(family), $"sample before its TYPE: {line}");
            var value = m.Groups[4].Value == "NaN" ? double.NaN : double.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture);
            Assert.True(samples.TryAdd(name + m.Groups[2].Value, value), $"duplicate series {line}");
        }
        return samples;
    }
}
