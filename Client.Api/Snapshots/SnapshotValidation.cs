using System.Text.Json;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Runtime.Messaging;
using Trading.Runtime.Operations;
using Trading.Runtime.Snapshots;

namespace Trading.Client.Api.Snapshots;

/// <summary>
/// Checks a snapshot document (given, or stored under its id): the document's own checks
/// (<see cref="SnapshotValidator"/>: section checksums, counts, books against orders, locks, offsets for every
/// partition), and that every engine-state part it references is stored with the same checksum, since recovery
/// restores the grains from those parts.
/// </summary>
public sealed class SnapshotValidation(ISnapshotStore store, IOperationsMetrics metrics)
{
    public const string EngineStatePartMissing = "ENGINE_STATE_PART_MISSING";
    public const string EngineStatePartMismatch = "ENGINE_STATE_PART_MISMATCH";

    public async Task<IReadOnlyList<SnapshotProblem>> ValidateAsync(MatchEngineSnapshot snapshot)
    {
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        var manifest = snapshot.SnapshotId is { Length: > 0 } id ? await store.ManifestAsync(id).ConfigureAwait(false) : null;
        if (manifest is not null)
            foreach (var scope in manifest.Scopes) expected[scope.Topic] = scope.Partitions;
        var problems = new List<SnapshotProblem>(SnapshotValidator.Validate(snapshot, manifest is null ? null : expected));
        foreach (var part in snapshot.EngineState?.Parts ?? [])
        {
            var item = $"{part.GrainType}/{part.Partition}";
            var stored = snapshot.SnapshotId is null ? null : await store.GetPartAsync(snapshot.SnapshotId, part.GrainType, part.Partition).ConfigureAwait(false);
            if (stored is null) problems.Add(new SnapshotProblem(EngineStatePartMissing, item, $"engine-state part {item} is not in the snapshot store"));
            else if (!PartMatches(stored, part.Checksum))
                problems.Add(new SnapshotProblem(EngineStatePartMismatch, item, $"engine-state part {item} differs from the stored part (checksum)"));
        }
        metrics.SnapshotValidated(problems.Count == 0, problems.Count);
        return problems;
    }

    /// <summary>The stored part is the one the document names (or that part resolved by the assembler); a corrupt frame matches nothing.</summary>
    private static bool PartMatches(byte[] stored, string checksum)
    {
        try
        {
            return SnapshotPart.Matches(SnapshotPart.Content(stored), checksum);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
