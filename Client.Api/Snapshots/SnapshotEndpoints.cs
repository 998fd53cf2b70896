using System.Text.Json;
using Trading.Client.Api.Endpoints;
using Trading.Client.Api.Exchange;
using Trading.Client.Api.Operations;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Runtime.Messaging;
using Trading.Runtime.Operations;
using Trading.Runtime.Snapshots;

namespace Trading.Client.Api.Snapshots;

/// <summary>
/// The seed's snapshot endpoints (admin only, envelope {code, message, data}): take a snapshot, read one, validate a
/// snapshot document and recover from it. Invalid input is a 400 problem+json; an invalid snapshot lists every problem.
/// </summary>
public static class SnapshotEndpoints
{
    private static readonly TimeSpan TakeTimeout = TimeSpan.FromSeconds(60);

    public static IEndpointRouteBuilder MapSnapshotEndpoints(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api").WithTags("Snapshots").RequireAdmin();

        admin.MapPost("/match/event/snapshot", async (HttpContext http, SnapshotOperations snapshots, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            string? symbol = null;
            var full = false;
            if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
            {
                var body = await JsonBody.ReadAsync(http.Request, errors, ct);
                if (body is null) return errors.ToResult();
                symbol = body.String("symbol", maxLength: 20);
                full = body.Bool("full") ?? false;
                body.RejectUnknownFields();
            }
            if (errors.Any) return errors.ToResult();
            return await GatewayCalls.RunAsync(async () =>
            {
                var (status, documentBytes, waited) = await snapshots.TakeAsync(symbol, full, TakeTimeout, ct);
                var data = Summary(status, documentBytes, waited);
                return status.State switch
                {
                    SnapshotState.Completed when documentBytes is not null => ApiEnvelope.Ok(data),
                    SnapshotState.Failed => Results.Json(new ApiEnvelope(StatusCodes.Status500InternalServerError, status.Error ?? "snapshot failed", data),
                        statusCode: StatusCodes.Status500InternalServerError),
                    _ => ApiEnvelope.Unconfirmed(data, "snapshot still in progress; poll GET /api/match/event/snapshot/{id}/status"),
                };
            });
        }).WithName("TakeSnapshot").WithSummary("Take a consistent snapshot of every book, position and order (or of one symbol's book).");

        admin.MapGet("/match/event/snapshot", (SnapshotOperations snapshots, int? limit, CancellationToken ct) =>
            GatewayCalls.RunAsync(async () => ApiEnvelope.Ok((await snapshots.ListAsync(Math.Clamp(limit ?? 20, 1, 50), ct)).Snapshots)))
            .WithName("ListSnapshots");

        admin.MapGet("/match/event/snapshot/{snapshotId}/status", (string snapshotId, SnapshotOperations snapshots, CancellationToken ct) =>
            GatewayCalls.RunAsync(async () => ApiEnvelope.Ok(await snapshots.StatusAsync(snapshotId, ct)))).WithName("SnapshotStatus");

        admin.MapGet("/match/event/snapshot/{snapshotId}", async (string snapshotId, ISnapshotStore store) =>
            await store.DocumentAsync(snapshotId) is { } json
                ? Results.Bytes(json, "application/json")
                : FieldErrors.Single("snapshotId", $"no stored document for {snapshotId}", StatusCodes.Status404NotFound, "Unknown snapshot"))
            .WithName("SnapshotDocument").WithSummary("The snapshot document (MatchEngineSnapshot JSON).");

        admin.MapPost("/snapshot/recovery/validate", async (HttpContext http, ISnapshotStore store, SnapshotValidation validation, CancellationToken ct) =>
        {
            var (snapshot, problem) = await ReadSnapshotAsync(http, store, ct);
            if (snapshot is null) return problem!;
            var problems = await validation.ValidateAsync(snapshot);
            return problems.Count == 0
                ? ApiEnvelope.Ok(new { snapshotId = snapshot.SnapshotId, valid = true, problems })
                : Invalid(snapshot.SnapshotId, problems);
        }).WithName("ValidateSnapshot").WithSummary("Validate a snapshot document (body) or a stored snapshot ({\"snapshotId\"}).");

        admin.MapPost("/snapshot/recovery/recover", async (HttpContext http, ISnapshotStore store, SnapshotValidation validation,
            SnapshotRecovery recovery, IOperationsMetrics metrics, CancellationToken ct) =>
        {
            var (snapshot, problem) = await ReadSnapshotAsync(http, store, ct);
            if (snapshot is null) return problem!;
            var problems = await validation.ValidateAsync(snapshot);
            if (problems.Count > 0) return Invalid(snapshot.SnapshotId, problems);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                var result = await recovery.RecoverAsync(snapshot.SnapshotId!, ct);
                metrics.RecoveryCompleted(TimeSpan.FromMilliseconds(result.TotalMs), true);
                return ApiEnvelope.Ok(result);
            }
            catch (FormatException e)
            {
                metrics.RecoveryCompleted(System.Diagnostics.Stopwatch.GetElapsedTime(started), false);
                return FieldErrors.Single("snapshotId", e.Message);
            }
            catch (TimeoutException e)
            {
                metrics.RecoveryCompleted(System.Diagnostics.Stopwatch.GetElapsedTime(started), false);
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Recovery aborted", detail: e.Message);
            }
        }).WithName("RecoverSnapshot").WithSummary("Restore every grain from a valid snapshot and resume consumption at its offsets.");

        return routes;
    }

    /// <summary>The body is either {"snapshotId": "..."} (a stored snapshot) or a whole snapshot document.</summary>
    private static async Task<(MatchEngineSnapshot? Snapshot, IResult? Problem)> ReadSnapshotAsync(HttpContext http, ISnapshotStore store,
        CancellationToken ct)
    {
        if (http.Request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, FieldErrors.Single("body", "Content-Type must be application/json"));
        JsonDocument parsed;
        try
        {
            if (http.Request.Body.CanSeek) http.Request.Body.Position = 0;
            parsed = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            return (null, FieldErrors.Single("body", $"malformed JSON: {e.Message}"));
        }
        using (parsed)
        {
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, FieldErrors.Single("body", "must be a JSON object"));
            var onlyId = root.TryGetProperty("snapshotId", out var idElement) && root.EnumerateObject().Count() == 1;
            if (onlyId)
            {
                if (idElement.ValueKind != JsonValueKind.String || idElement.GetString() is not { Length: > 0 and <= 100 } id)
                    return (null, FieldErrors.Single("snapshotId", "must be a non-empty string"));
                var json = await store.DocumentAsync(id);
                if (json is null) return (null, FieldErrors.Single("snapshotId", $"no stored snapshot {id}", StatusCodes.Status404NotFound, "Unknown snapshot"));
                return (JsonSerializer.Deserialize<MatchEngineSnapshot>(json, MessageTypeRegistry.JsonOptions), null);
            }
            try
            {
                var snapshot = root.Deserialize<MatchEngineSnapshot>(MessageTypeRegistry.JsonOptions);
                return snapshot is null ? (null, FieldErrors.Single("body", "must be a snapshot document")) : (snapshot, null);
            }
            catch (JsonException e)
            {
                return (null, FieldErrors.Single(string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.'), e.Message));
            }
        }
    }

    private static IResult Invalid(string? snapshotId, IReadOnlyList<SnapshotProblem> problems) =>
        Results.Json(new ApiEnvelope(StatusCodes.Status400BadRequest, $"snapshot is invalid: {problems.Count} problem(s)",
            new { snapshotId, valid = false, problems }), statusCode: StatusCodes.Status400BadRequest);

    private static object Summary(SnapshotStatus s, long? documentBytes, long waitedMs)
    {
        long bytes = 0, grains = 0;
        foreach (var p in s.Parts)
        {
            bytes += p.Bytes;
            grains += p.Grains;
        }
        return new
        {
            snapshotId = s.SnapshotId, kind = s.Kind, baseSnapshotId = s.BaseSnapshotId, symbol = s.Symbol, state = s.State, error = s.Error,
            requestedAt = s.RequestedAt, completedAt = s.CompletedAt, generationMs = s.GenerationMs, waitedMs, parts = s.Parts.Count,
            expectedParts = s.ExpectedParts, grains, partBytes = bytes, documentBytes,
        };
    }
}
