using Trading.Client.Api.Operations;

namespace Trading.Client.Api.Endpoints;

/// <summary>
/// GET /metrics: the key indicators in the Prometheus text format, or as JSON with <c>Accept: application/json</c> or
/// <c>?format=json</c> (in the envelope). Unauthenticated, like /health, for scrapers.
/// </summary>
public static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/metrics", async (HttpContext http, KeyIndicators indicators, CancellationToken ct) =>
        {
            var set = await indicators.ComputeAsync(ct);
            var json = http.Request.Query["format"] == "json" ||
                       http.Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);
            if (!json) return Results.Text(PrometheusText.Write(set), PrometheusText.ContentType);
            return ApiEnvelope.Ok(new
            {
                set.Timestamp,
                indicators = set.Indicators.ToDictionary(i => i.Name, i => new { i.Value, i.Unit, i.Threshold, i.Breached, i.Help }),
                pushSuccessRatePercent = set.PushSuccessRatePercent,
                pushLatency = new { p50Ms = set.PushLatency.PercentileMs(50), p99Ms = set.PushLatency.PercentileMs(99), averageMs = set.PushLatency.AverageMs, count = set.PushLatency.Count },
                offsetLagRecords = set.LagRecords,
                set.Status,
                consistency = new { set.Consistency.Consistent, set.Consistency.BoundMs, set.Consistency.MaxCommitDelayMs, inconsistentPartitions = set.Consistency.Inconsistent.Count },
                operations = set.Operations,
            });
        }).WithName("Metrics").WithTags("Kafka operations").WithSummary("Key indicators: Prometheus text, or JSON with Accept: application/json.");
        return routes;
    }
}
