using Trading.Client.Api.Operations;
using Trading.Runtime.Grains;
using Trading.Runtime.Streams;

namespace Trading.Client.Api.Endpoints;

/// <summary>
/// The seed's Kafka operations endpoints, admin only, answered in the envelope <c>{code, message, data}</c>
/// (<see cref="ApiEnvelope"/>): monitoring of pushes and offsets, flush, offset resets, consumer pause and resume.
/// </summary>
public static class KafkaEndpoints
{
    public static IEndpointRouteBuilder MapKafkaEndpoints(this IEndpointRouteBuilder routes)
    {
        var monitor = routes.MapGroup("/api/kafka/monitor").WithTags("Kafka operations").RequireAdmin();
        monitor.MapGet("/status", async (KafkaMonitor m, CancellationToken ct) => ApiEnvelope.Ok(await m.StatusAsync(ct)))
            .WithName("KafkaMonitorStatus").WithSummary("Pending messages (unacknowledged outputs + uncommitted inputs) and pushed total.");
        monitor.MapPost("/force-flush", async (KafkaConsumerControl c, KafkaMonitor m, TimeProvider clock, CancellationToken ct) =>
        {
            var outcome = await c.FlushAsync(ct);
            // The status from reports published after the flush, not one the silos sent just before it.
            var flushed = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var data = new { flush = outcome, status = await m.StatusSinceAsync(flushed, TimeSpan.FromSeconds(5), ct) };
            return outcome.Confirmed ? ApiEnvelope.Ok(data) : ApiEnvelope.Unconfirmed(data, "not every live silo confirmed the flush in time");
        }).WithName("KafkaForceFlush").WithSummary("Every silo sends its batched outputs, awaits their acknowledgements and commits.");
        monitor.MapGet("/offset/status", async (KafkaMonitor m, CancellationToken ct) => ApiEnvelope.Ok(await m.OffsetStatusAsync(ct)))
            .WithName("KafkaOffsetStatus").WithSummary("Per grain input topic and partition: current, committed and pending offsets, lag.");
        monitor.MapGet("/offset/consistency", async (KafkaMonitor m, CancellationToken ct) => ApiEnvelope.Ok(await m.ConsistencyAsync(ct)))
            .WithName("KafkaOffsetConsistency").WithSummary("Whether every committed offset trails the processed frontier by at most the bound.");
        monitor.MapGet("/offset/pending", async (KafkaMonitor m, CancellationToken ct) => ApiEnvelope.Ok(await m.PendingAsync(ct)))
            .WithName("KafkaOffsetPending").WithSummary("Outputs not acknowledged and inputs consumed but not committed, per silo and partition.");
        monitor.MapPost("/offset/reset/{topic}", async (string topic, HttpContext http, GrainTypeRegistry types, IMessageLog log,
            KafkaConsumerControl c, CancellationToken ct) =>
        {
            var (request, problem) = await OffsetResetRequest.ReadAsync(http.Request, topic, types, log, ct);
            if (problem is not null) return problem;
            var outcome = await c.ResetAsync(request!.Topic, request.All, request.Partitions, request.PartitionCount, ct);
            return outcome.Confirmed ? ApiEnvelope.Ok(outcome)
                : ApiEnvelope.Unconfirmed(outcome, "not every targeted partition's owner applied the reset in time; owners still apply it until it expires");
        }).WithName("KafkaOffsetReset").WithSummary("Replays (or skips) a grain input topic from the given offsets; replayed results are not doubled.");

        var consumer = routes.MapGroup("/api/kafka/consumer").WithTags("Kafka operations").RequireAdmin();
        consumer.MapGet("/offsets", async (KafkaMonitor m, CancellationToken ct) => ApiEnvelope.Ok(await m.ConsumerOffsetsAsync(ct)))
            .WithName("KafkaConsumerOffsets").WithSummary("Committed offsets and lag of every grain consumer group.");
        consumer.MapGet("/status", async (KafkaMonitor m, CancellationToken ct) => ApiEnvelope.Ok(await m.ConsumerStatusAsync(ct)))
            .WithName("KafkaConsumerStatus").WithSummary("Desired and applied pause state of every silo's grain consumers.");
        consumer.MapPost("/pause", (KafkaConsumerControl c, CancellationToken ct) => SetPausedAsync(c, true, ct))
            .WithName("KafkaConsumerPause").WithSummary("Stops every silo's grain consumers from fetching (inputs already fetched finish).");
        consumer.MapPost("/resume", (KafkaConsumerControl c, CancellationToken ct) => SetPausedAsync(c, false, ct))
            .WithName("KafkaConsumerResume").WithSummary("Consumption continues where each partition stopped.");
        return routes;
    }

    private static async Task<IResult> SetPausedAsync(KafkaConsumerControl control, bool paused, CancellationToken ct)
    {
        var outcome = await control.SetPausedAsync(paused, ct);
        var data = new { paused, outcome.Version, outcome.ElapsedMs, outcome.Silos };
        return outcome.Confirmed ? ApiEnvelope.Ok(data)
            : ApiEnvelope.Unconfirmed(data, $"not every live silo confirmed the {(paused ? "pause" : "resume")} in time; they follow when they next read the state");
    }
}
