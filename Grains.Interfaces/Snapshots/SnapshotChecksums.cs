using System.Text.Json;

namespace Trading.Grains.Interfaces.Snapshots;

/// <summary>
/// Per-section checksums of a <see cref="MatchEngineSnapshot"/>: lowercase hex SHA-256 of each section's canonical
/// JSON (<see cref="SnapshotSections.Write"/>: serialized with the project's options, maps in canonical key order:
/// text keys ordinally, partition keys numerically; lists in their own order; decimals keep their scale).
/// </summary>
public static class SnapshotChecksums
{
    /// <summary>The checksum of one section.</summary>
    public static string Of(MatchEngineSnapshot s, string section)
    {
        using var buffer = new HashingBufferWriter();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions()))
        {
            SnapshotSections.Write(writer, s, section);
        }
        return buffer.FinishHex();
    }

    /// <summary>The checksums of every section, in ordinal order of the section names.</summary>
    /// <param name="parallel">Sections hashed at once on the thread pool; off, one after another on the calling thread
    /// (a low-priority thread keeps the work to itself: the pool's threads run at normal priority).</param>
    public static Dictionary<string, string> Compute(MatchEngineSnapshot s, bool parallel = true)
    {
        var sections = SnapshotSections.All;
        var hashes = new string[sections.Count];
        if (parallel) Parallel.For(0, sections.Count, i => hashes[i] = Of(s, sections[i]));
        else
            for (var i = 0; i < sections.Count; i++) hashes[i] = Of(s, sections[i]);
        var checksums = new Dictionary<string, string>(sections.Count, StringComparer.Ordinal);
        for (var i = 0; i < sections.Count; i++) checksums.Add(sections[i], hashes[i]);
        return checksums;
    }

    /// <summary>The document with its checksums (re)computed.</summary>
    public static MatchEngineSnapshot Seal(MatchEngineSnapshot s, bool parallel = true) => s with { Checksums = Compute(s, parallel) };

    private static JsonWriterOptions WriterOptions()
    {
        var options = SnapshotJson.Options;
        return new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented, MaxDepth = options.MaxDepth, SkipValidation = true };
    }
}
