using Trading.Grains.Interfaces.Snapshots;
using static Trading.Tests.Snapshots.SnapshotScenarios;
using static Trading.Tests.Snapshots.SnapshotTampering;
using C = Trading.Grains.Interfaces.Snapshots.SnapshotChecks;

namespace Trading.Tests.Snapshots;

/// <summary>
/// The validator accepts the builder's document and rejects a tampered copy for each check. Each copy is tampered in
/// one way and then resealed (counters recounted, checksums recomputed) so that only the targeted check can fail:
/// the test requires that exactly that check code is reported, naming the item.
/// </summary>
public class SnapshotValidatorTests
{
    private static readonly MatchEngineSnapshot Valid = Build();

    private enum Seal { Full, ChecksumsOnly, None }

    private sealed record Case(string Check, string Names, Func<MatchEngineSnapshot, MatchEngineSnapshot> Tamper, Seal Seal = Seal.Full);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["snapshot id missing"] = new(C.RequiredFieldMissing, "snapshotId", s => s with { SnapshotId = null }),
        ["snapshot id blank"] = new(C.RequiredFieldMissing, "snapshotId", s => s with { SnapshotId = " " }),
        ["timestamp missing"] = new(C.RequiredFieldMissing, "timestamp", s => s with { Timestamp = null }),
        ["snapshot time off"] = new(C.SnapshotTimeMismatch, "snapshotTime", s => s with { SnapshotTime = "2026-11-18T11:07:03.500Z" }),
        ["order remark changed, checksums kept"] = new(C.ChecksumMismatch, "checksums.orderSnapshots",
            s => Order(s, 15, o => o with { Remark = "EXPIRED" }), Seal.None),
        ["unknown checksum"] = new(C.ChecksumUnknownSection, "checksums.trades", s => Checksums(s, c => c["trades"] = new string('0', 64)), Seal.None),
        ["position key wrong"] = new(C.KeyMismatch, "positionSnapshots.1001_BTCUSDX",
            s => s with { PositionSnapshots = Rekey(s.PositionSnapshots, "1001_BTCUSDT", "1001_BTCUSDX") }),
        ["book key wrong"] = new(C.KeyMismatch, "orderBookSnapshots.ETHUSDT", s => Book(s, "ETHUSDT", b => b with { Symbol = "ETHUSD" })),
        ["account key wrong"] = new(C.KeyMismatch, "accountSnapshots.1003",
            s => s with { AccountSnapshots = Replace(s.AccountSnapshots, "1003", a => a with { UserId = 1004 }) }),
        ["symbol missing"] = new(C.SymbolMissing, "symbol 'ETHUSDT'", s => s with { SymbolSnapshots = Without(s.SymbolSnapshots, "ETHUSDT") }),
        ["order listed twice"] = new(C.OrderDuplicate, "order 15", s => s with { OrderSnapshots = [.. s.OrderSnapshots, s.OrderSnapshots.Single(o => o.OrderId == 15)] }),
        ["filled without remaining shrinking"] = new(C.OrderQuantityMismatch, "order 12", s => Order(s, 12, o => o with { FilledQuantity = 0.1m })),
        ["finished order with a remainder"] = new(C.OrderQuantityMismatch, "order 15", s => Order(s, 15, o => o with { RemainingQuantity = 1m })),
        ["book order absent from orderSnapshots"] = new(C.BookOrderMissing, "order 12", s => WithoutOrder(s, 12)),
        ["stop order listed twice"] = new(C.BookOrderDuplicate, "order 32", s => Book(s, "ETHUSDT", b => b with { StopOrderIds = [32, 32] })),
        ["book lists a finished order"] = new(C.BookOrderNotOpen, "order 15", s => Book(s, "BTCUSDT", b => b with { StopOrderIds = [15] })),
        ["book lists a stop order as resting"] = new(C.BookOrderNotOpen, "order 32",
            s => Book(s, "ETHUSDT", b => b with { OrderIds = [31, 32], StopOrderIds = [] })),
        ["book lists another symbol's order"] = new(C.BookOrderSymbolMismatch, "order 17", s => Book(s, "BTCUSDT", b => b with { StopOrderIds = [17] })),
        ["resting order not listed by its book"] = new(C.OrderNotInBook, "order 15", s => Order(s, 15, o => o with { Location = OrderLocation.Book })),
        ["stop order not listed by its book"] = new(C.OrderNotInBook, "order 32", s => Book(s, "ETHUSDT", b => b with { StopOrderIds = [] })),
        ["depth quantity off"] = new(C.DepthMismatch, "orderBookSnapshots.BTCUSDT.buyDepth[0]",
            s => Book(s, "BTCUSDT", b => b with { BuyDepth = [b.BuyDepth[0] with { Quantity = 2.1m }] })),
        ["depth order count off"] = new(C.DepthMismatch, "orderBookSnapshots.ETHUSDT.sellDepth[0]",
            s => Book(s, "ETHUSDT", b => b with { SellDepth = [b.SellDepth[0] with { OrderCount = 2 }] })),
        ["depth level missing"] = new(C.DepthMismatch, "orderBookSnapshots.BTCUSDT.sellDepth[3]",
            s => Book(s, "BTCUSDT", b => b with { SellDepth = b.SellDepth.Take(3).ToArray() })),
        ["resting order's remainder off"] = new(C.DepthMismatch, "orderBookSnapshots.BTCUSDT.sellDepth[1]",
            s => Order(s, 12, o => o with { Quantity = 1.2m, RemainingQuantity = 1.2m })),
        ["lock above the quantity"] = new(C.LockExceedsQuantity, "positionSnapshots.1002_BTCUSDT",
            s => Position(s, "1002_BTCUSDT", p => p with { Quantity = 0.7m, AvailableQuantity = -0.1m })),
        ["locks not summing up"] = new(C.LockSumMismatch, "positionSnapshots.1002_BTCUSDT", s => Lock(s, 0, l => l with { LockedQuantity = 0.4m })),
        ["lock on a missing position"] = new(C.LockPositionMissing, "position 1003_ETHUSDT",
            s => s with { PositionSnapshots = Without(s.PositionSnapshots, "1003_ETHUSDT") }),
        ["lock held by a finished order"] = new(C.LockOrderNotOpen, "order 15", s => Lock(s, 0, l => l with { OrderId = 15 })),
        ["available quantity off"] = new(C.AvailableQuantityMismatch, "positionSnapshots.1002_BTCUSDT",
            s => Position(s, "1002_BTCUSDT", p => p with { AvailableQuantity = 0.5m })),
        ["partition without an offset"] = new(C.OffsetMissing, "kafkaOffsetSnapshots.positions.fills.partitions.1",
            s => Topic(s, "positions.fills", t => KafkaOffsetRecord.FromPartitions(t.Topic, t.Partitions.Where(p => p.Key != 1).ToDictionary()))),
        ["topic without offsets"] = new(C.OffsetMissing, "kafkaOffsetSnapshots.orders.requests",
            s => s with { KafkaOffsetSnapshots = Without(s.KafkaOffsetSnapshots, "orders.requests") }),
        ["grain partition without a state part"] = new(C.EngineStatePartitionMissing, "Position part for partition orders.requests/1",
            s => Parts(s, parts => parts.Where(p => !(p.GrainType == "Position" && p.Partition == 1)).ToList())),
        ["grain partition with two parts"] = new(C.EngineStatePartitionDuplicate, "orders.commands/0",
            s => Parts(s, parts => [.. parts, parts[0] with { Checksum = new string('e', 64) }])),
    };

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Fact]
    public void Every_check_has_a_tampering_case()
    {
        var codes = typeof(C).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
        var covered = Cases.Values.Select(c => c.Check).Append(C.ChecksumMissing).Append(C.MemoryStatsMismatch).ToHashSet();
        Assert.Empty(codes.Except(covered));
    }

    [Fact]
    public void The_builders_document_is_valid()
    {
        Assert.Empty(SnapshotValidator.Validate(Valid, Partitions));
        Assert.Empty(SnapshotValidator.Validate(Valid, null));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_tampered_copy_is_rejected_by_the_targeted_check(string name)
    {
        var c = Cases[name];
        var tampered = c.Tamper(Valid);
        tampered = c.Seal switch
        {
            Seal.Full => Reseal(tampered),
            Seal.ChecksumsOnly => SnapshotChecksums.Seal(tampered),
            _ => tampered,
        };
        var problems = SnapshotValidator.Validate(tampered, Partitions);
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.Equal(c.Check, p.Check));
        Assert.Contains(problems, p => p.Message.Contains(c.Names, StringComparison.Ordinal) || p.Item.Contains(c.Names, StringComparison.Ordinal));
        Assert.All(problems, p => Assert.Contains(p.Item, p.Message));
    }

    [Theory]
    [MemberData(nameof(SectionNames))]
    public void Each_sections_checksum_is_checked(string section)
    {
        var wrong = Checksums(Valid, c => c[section] = new string('0', 64));
        var mismatch = Assert.Single(SnapshotValidator.Validate(wrong, Partitions));
        Assert.Equal((C.ChecksumMismatch, $"checksums.{section}"), (mismatch.Check, mismatch.Item));

        var missing = Assert.Single(SnapshotValidator.Validate(Checksums(Valid, c => c.Remove(section)), Partitions));
        Assert.Equal((C.ChecksumMissing, $"checksums.{section}"), (missing.Check, missing.Item));
    }

    public static TheoryData<string> SectionNames() => [.. SnapshotSections.All];

    [Theory]
    [MemberData(nameof(CounterNames))]
    public void Each_memory_stats_counter_is_checked(string counter)
    {
        var stats = Valid.MemoryStats;
        var changed = counter switch
        {
            "totalOrderBooks" => stats with { TotalOrderBooks = stats.TotalOrderBooks + 1 },
            "totalPositions" => stats with { TotalPositions = stats.TotalPositions + 1 },
            "totalSymbols" => stats with { TotalSymbols = stats.TotalSymbols + 1 },
            "totalOrders" => stats with { TotalOrders = stats.TotalOrders + 1 },
            "totalTrades" => stats with { TotalTrades = stats.TotalTrades + 1 },
            "totalVolume24h" => stats with { TotalVolume24h = stats.TotalVolume24h + 0.001m },
            "totalLockedPositions" => stats with { TotalLockedPositions = stats.TotalLockedPositions + 1 },
            "totalActiveOrders" => stats with { TotalActiveOrders = stats.TotalActiveOrders + 1 },
            _ => throw new ArgumentException(counter),
        };
        var problem = Assert.Single(SnapshotValidator.Validate(SnapshotChecksums.Seal(Valid with { MemoryStats = changed }), Partitions));
        Assert.Equal((C.MemoryStatsMismatch, $"memoryStats.{counter}"), (problem.Check, problem.Item));
    }

    public static TheoryData<string> CounterNames() =>
        ["totalOrderBooks", "totalPositions", "totalSymbols", "totalOrders", "totalTrades", "totalVolume24h", "totalLockedPositions", "totalActiveOrders"];

    [Fact]
    public void Counters_follow_the_sections_they_count()
    {
        var problems = SnapshotValidator.Validate(SnapshotChecksums.Seal(WithoutOrder(Valid, 15)), Partitions);
        Assert.Equal([("MEMORY_STATS_MISMATCH", "memoryStats.totalOrders")], problems.Select(p => (p.Check, p.Item)));
    }

    [Fact]
    public void Expected_partitions_beyond_the_documents_need_offsets_and_state_parts()
    {
        var expected = new Dictionary<string, int>(Partitions) { ["orders.commands"] = 3 };
        var problems = SnapshotValidator.Validate(Valid, expected);
        Assert.Equal(
            [(C.OffsetMissing, "kafkaOffsetSnapshots.orders.commands.partitions.2"), (C.EngineStatePartitionMissing, "engineState.parts[OrderBook/orders.commands/2]")],
            problems.Select(p => (p.Check, p.Item)));
    }

    [Fact]
    public void Without_expected_partitions_a_gap_in_a_topics_partitions_is_still_found()
    {
        var tampered = Reseal(Topic(Valid, "orders.commands", t => KafkaOffsetRecord.FromPartitions(t.Topic, t.Partitions.Where(p => p.Key != 0).ToDictionary())));
        var problems = SnapshotValidator.Validate(tampered, null);
        Assert.Equal([(C.OffsetMissing, "kafkaOffsetSnapshots.orders.commands.partitions.0")], problems.Select(p => (p.Check, p.Item)));
    }

    [Fact]
    public void Every_problem_is_listed_not_only_the_first()
    {
        var tampered = Reseal(Position(Book(WithoutOrder(Valid, 12) with { SnapshotId = null }, "ETHUSDT",
            b => b with { StopOrderIds = [] }), "1002_BTCUSDT", p => p with { AvailableQuantity = 0.5m }));
        tampered = tampered with { MemoryStats = tampered.MemoryStats with { TotalTrades = 99 } };
        var checks = SnapshotValidator.Validate(tampered, Partitions).Select(p => p.Check).ToHashSet();
        Assert.Equal(new HashSet<string> { C.RequiredFieldMissing, C.BookOrderMissing, C.OrderNotInBook, C.AvailableQuantityMismatch,
            C.MemoryStatsMismatch, C.ChecksumMismatch }, checks);
    }

    [Fact]
    public void Null_sections_and_entries_are_reported_and_the_rest_still_checked()
    {
        var json = System.Text.Encoding.UTF8.GetString(SnapshotJson.Serialize(Valid))
            .Replace("\"positionLockSnapshots\":[", "\"positionLockSnapshots\":[null,", StringComparison.Ordinal);
        var read = SnapshotJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(json)) with { SymbolSnapshots = null!, MemoryStats = null! };
        var problems = SnapshotValidator.Validate(read, Partitions);
        Assert.Contains(problems, p => p is { Check: C.RequiredFieldMissing, Item: "positionLockSnapshots[0]" });
        Assert.Contains(problems, p => p is { Check: C.RequiredFieldMissing, Item: "symbolSnapshots" });
        Assert.Contains(problems, p => p is { Check: C.RequiredFieldMissing, Item: "memoryStats" });
        Assert.Contains(problems, p => p is { Check: C.SymbolMissing });
        Assert.Contains(problems, p => p is { Check: C.ChecksumMismatch, Item: "checksums.symbolSnapshots" });
    }

    [Fact]
    public void A_document_without_checksums_lists_each_missing_one()
    {
        var problems = SnapshotValidator.Validate(Valid with { Checksums = null! }, Partitions);
        Assert.Equal(SnapshotSections.All.Select(s => $"checksums.{s}"), problems.Select(p => p.Item));
        Assert.All(problems, p => Assert.Equal(C.ChecksumMissing, p.Check));
    }
}
