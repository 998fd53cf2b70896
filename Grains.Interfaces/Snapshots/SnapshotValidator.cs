namespace Trading.Grains.Interfaces.Snapshots;

/// <summary>
/// Checks a snapshot document and lists every problem (<see cref="SnapshotChecks"/>; it never stops at the first):
/// required fields, per-section checksums, memoryStats against the sections, map keys, books against orders
/// (both ways) and their depth, positions against their locks, and that every topic partition has an offset and
/// every partition of every grain topic an engineState part. Pure: no I/O.
/// </summary>
public static partial class SnapshotValidator
{
    /// <param name="s">The document.</param>
    /// <param name="expectedPartitionsPerTopic">
    /// Partitions each topic has (e.g. from the broker): every one needs an offset and, for a grain topic (one named by
    /// an engineState part), a part. Without it, a topic's partitions are 0 .. the highest one listed.
    /// </param>
    public static IReadOnlyList<SnapshotProblem> Validate(MatchEngineSnapshot s, IReadOnlyDictionary<string, int>? expectedPartitionsPerTopic)
    {
        ArgumentNullException.ThrowIfNull(s);
        var problems = new List<SnapshotProblem>();
        Header(s, problems);
        Checksums(s, problems);
        var doc = Normalized(s, problems);
        Stats(doc, problems);
        SymbolKeys(doc, problems);
        var orders = Orders(doc, problems);
        Books(doc, orders, problems);
        OrdersOutsideBooks(doc, orders, problems);
        Positions(doc, problems);
        Locks(doc, orders, problems);
        Accounts(doc, problems);
        Offsets(doc, expectedPartitionsPerTopic, problems);
        EngineState(doc, expectedPartitionsPerTopic, problems);
        return problems;
    }

    private static void Header(MatchEngineSnapshot s, List<SnapshotProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(s.SnapshotId))
            problems.Add(new(SnapshotChecks.RequiredFieldMissing, "snapshotId", "snapshotId: required"));
        if (s.Timestamp is not > 0)
        {
            problems.Add(new(SnapshotChecks.RequiredFieldMissing, "timestamp", "timestamp: required, epoch milliseconds > 0"));
            return;
        }
        var expected = SnapshotJson.IsoTime(s.Timestamp.Value);
        if (s.SnapshotTime != expected)
            problems.Add(new(SnapshotChecks.SnapshotTimeMismatch, "snapshotTime",
                $"snapshotTime: '{s.SnapshotTime}' is not the timestamp {s.Timestamp} ({expected})"));
    }

    private static void Checksums(MatchEngineSnapshot s, List<SnapshotProblem> problems)
    {
        var given = s.Checksums ?? new Dictionary<string, string>();
        var sections = SnapshotSections.All;
        var actual = new string?[sections.Count];
        Parallel.For(0, sections.Count, i =>
        {
            if (given.ContainsKey(sections[i])) actual[i] = SnapshotChecksums.Of(s, sections[i]);
        });
        for (var i = 0; i < sections.Count; i++)
        {
            var item = $"checksums.{sections[i]}";
            if (!given.TryGetValue(sections[i], out var expected))
                problems.Add(new(SnapshotChecks.ChecksumMissing, item, $"{item}: missing"));
            else if (!string.Equals(expected, actual[i], StringComparison.Ordinal))
                problems.Add(new(SnapshotChecks.ChecksumMismatch, item, $"{item}: {expected} does not match the section ({actual[i]})"));
        }
        foreach (var name in given.Keys)
            if (!sections.Contains(name))
                problems.Add(new(SnapshotChecks.ChecksumUnknownSection, $"checksums.{name}", $"checksums.{name}: no such section"));
    }

    private static void Stats(MatchEngineSnapshot s, List<SnapshotProblem> problems)
    {
        var counted = MemoryStats.Of(s);
        var given = s.MemoryStats;
        Compare("totalOrderBooks", given.TotalOrderBooks, counted.TotalOrderBooks, "orderBookSnapshots entries");
        Compare("totalPositions", given.TotalPositions, counted.TotalPositions, "positionSnapshots entries");
        Compare("totalSymbols", given.TotalSymbols, counted.TotalSymbols, "symbolSnapshots entries");
        Compare("totalOrders", given.TotalOrders, counted.TotalOrders, "orderSnapshots entries");
        Compare("totalTrades", given.TotalTrades, counted.TotalTrades, "the books' tradeCount sum");
        Compare("totalVolume24h", given.TotalVolume24h, counted.TotalVolume24h, "the books' volume24h sum");
        Compare("totalLockedPositions", given.TotalLockedPositions, counted.TotalLockedPositions, "positions with a locked quantity");
        Compare("totalActiveOrders", given.TotalActiveOrders, counted.TotalActiveOrders, "open orders");

        void Compare(string counter, decimal inDocument, decimal inSections, string what)
        {
            if (inDocument != inSections)
                problems.Add(new(SnapshotChecks.MemoryStatsMismatch, $"memoryStats.{counter}",
                    $"memoryStats.{counter}: {inDocument} in the document, {inSections} {what}"));
        }
    }

    private static void SymbolKeys(MatchEngineSnapshot s, List<SnapshotProblem> problems)
    {
        foreach (var (key, symbol) in s.SymbolSnapshots)
            if (symbol.Symbol != key) KeyMismatch(problems, $"symbolSnapshots.{key}", symbol.Symbol);
    }

    private static void Accounts(MatchEngineSnapshot s, List<SnapshotProblem> problems)
    {
        foreach (var (key, account) in s.AccountSnapshots)
        {
            if (key != account.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture))
                KeyMismatch(problems, $"accountSnapshots.{key}", account.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (account.Balances is null)
            {
                problems.Add(new(SnapshotChecks.RequiredFieldMissing, $"accountSnapshots.{key}.balances", $"accountSnapshots.{key}.balances: required"));
                continue;
            }
            foreach (var (asset, balance) in account.Balances)
                if (balance is null)
                    problems.Add(new(SnapshotChecks.RequiredFieldMissing, $"accountSnapshots.{key}.balances.{asset}", $"accountSnapshots.{key}.balances.{asset}: null"));
                else if (balance.Asset != asset)
                    KeyMismatch(problems, $"accountSnapshots.{key}.balances.{asset}", balance.Asset);
        }
    }

    private static void KeyMismatch(List<SnapshotProblem> problems, string item, string actual) =>
        problems.Add(new(SnapshotChecks.KeyMismatch, item, $"{item}: the entry says '{actual}'"));

    private static void SymbolMissing(MatchEngineSnapshot s, List<SnapshotProblem> problems, string item, string symbol)
    {
        if (!s.SymbolSnapshots.ContainsKey(symbol ?? ""))
            problems.Add(new(SnapshotChecks.SymbolMissing, item, $"{item}: symbol '{symbol}' is not in symbolSnapshots"));
    }
}
