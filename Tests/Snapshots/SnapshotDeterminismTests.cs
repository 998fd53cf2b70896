using Trading.Grains.Exchange;
using Trading.Grains.Exchange.Snapshots;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Grains.Matching;
using OrderView = Trading.Grains.Interfaces.Exchange.OrderView;
using static Trading.Tests.Snapshots.SnapshotScenarios;

namespace Trading.Tests.Snapshots;

/// <summary>Same input, same bytes; documents survive a JSON round trip byte for byte.</summary>
public class SnapshotDeterminismTests
{
    [Fact]
    public void Two_builds_of_the_same_states_give_identical_bytes()
    {
        var first = SnapshotJson.Serialize(MatchEngineSnapshotBuilder.Build(CaptureOf(Standard())));
        var second = SnapshotJson.Serialize(MatchEngineSnapshotBuilder.Build(CaptureOf(Standard())));
        Assert.Equal(first, second);
    }

    [Fact]
    public void The_order_of_the_captures_dictionaries_does_not_matter()
    {
        var capture = CaptureOf(Standard());
        var reversed = capture with
        {
            Books = capture.Books.Reverse().ToDictionary(e => e.Key, e => e.Value),
            Positions = capture.Positions.Reverse().ToDictionary(e => e.Key, e => e.Value),
            Symbols = capture.Symbols.Reverse().ToDictionary(e => e.Key, e => e.Value),
            KafkaOffsets = capture.KafkaOffsets.Reverse().ToDictionary(e => e.Key, e => e.Value),
        };
        Assert.Equal(SnapshotJson.Serialize(MatchEngineSnapshotBuilder.Build(capture)), SnapshotJson.Serialize(MatchEngineSnapshotBuilder.Build(reversed)));
    }

    [Fact]
    public void Checksums_hashed_one_section_after_another_equal_the_parallel_ones()
    {
        var snapshot = Build();
        var sequential = SnapshotChecksums.Compute(snapshot, parallel: false);
        Assert.Equal(SnapshotChecksums.Compute(snapshot), sequential);
        Assert.Equal(snapshot.Checksums, sequential);
        Assert.Equal(SnapshotSections.All.Count, sequential.Count);
        Assert.All(sequential.Values, hash => Assert.Matches("^[0-9a-f]{64}$", hash));
    }

    [Fact]
    public void A_document_read_back_serializes_to_the_same_bytes_and_checksums()
    {
        var snapshot = Build();
        var json = SnapshotJson.Serialize(snapshot);
        var read = SnapshotJson.Deserialize(json);
        Assert.Equal(json, SnapshotJson.Serialize(read));
        Assert.Equal(snapshot.Checksums, SnapshotChecksums.Compute(read));
        Assert.Empty(SnapshotValidator.Validate(read, Partitions));
    }

    [Fact]
    public void Maps_are_written_in_canonical_key_order_whatever_their_own_order()
    {
        var snapshot = Build();
        var shuffled = snapshot with
        {
            PositionSnapshots = snapshot.PositionSnapshots.Reverse().ToDictionary(e => e.Key, e => e.Value),
            OrderBookSnapshots = snapshot.OrderBookSnapshots.Reverse().ToDictionary(e => e.Key, e => e.Value),
            KafkaOffsetSnapshots = snapshot.KafkaOffsetSnapshots.ToDictionary(e => e.Key,
                e => e.Value with { Partitions = e.Value.Partitions.Reverse().ToDictionary(p => p.Key, p => p.Value) }),
        };
        Assert.Equal(SnapshotJson.Serialize(snapshot), SnapshotJson.Serialize(shuffled));
        Assert.Equal(snapshot.Checksums, SnapshotChecksums.Compute(shuffled));
    }

    [Fact]
    public void Partition_keys_sort_numerically_and_text_keys_ordinally()
    {
        var partitions = new Dictionary<int, PartitionOffsetRecord>();
        foreach (var p in new[] { 10, 2, 1, 0 }) partitions[p] = new PartitionOffsetRecord { Topic = "t", Partition = p };
        var topics = new Dictionary<string, KafkaOffsetRecord> { ["b"] = KafkaOffsetRecord.FromPartitions("b", partitions), ["B"] = new() { Topic = "B" }, ["a"] = new() { Topic = "a" } };
        var json = System.Text.Encoding.UTF8.GetString(SnapshotJson.Serialize(new MatchEngineSnapshot { KafkaOffsetSnapshots = topics }));
        Assert.True(json.IndexOf("\"B\":", StringComparison.Ordinal) < json.IndexOf("\"a\":", StringComparison.Ordinal));
        Assert.True(json.IndexOf("\"a\":", StringComparison.Ordinal) < json.IndexOf("\"b\":", StringComparison.Ordinal));
        var order = new[] { "\"0\":", "\"1\":", "\"2\":", "\"10\":" }.Select(k => json.IndexOf(k, StringComparison.Ordinal)).ToArray();
        Assert.Equal(order.OrderBy(i => i), order);
    }

    [Fact]
    public void An_order_in_flight_between_account_and_book_is_listed_as_the_accounts_and_the_document_stays_valid()
    {
        var capture = CaptureOf(Standard());
        var trader = capture.Positions[Trader];
        trader.OpenOrders.Add(new OrderView
        {
            OrderId = 25, Symbol = "BTCUSDT", Side = OrderSide.Buy, Type = OrderType.Limit, Price = 499_000, Quantity = 100, Status = OrderStatus.New,
            CreateTime = 5, UpdateTime = 5,
        });
        // and an order the book holds whose owner's journal entry is not there (its journal state is behind the book's)
        var shorter = capture.Positions[Shorter];
        shorter.OpenOrders.RemoveAll(o => o.OrderId == 31);

        var snapshot = MatchEngineSnapshotBuilder.Build(capture);
        var inFlight = snapshot.OrderSnapshots.Single(o => o.OrderId == 25);
        Assert.Equal((OrderLocation.Account, OrderStatus.New, 49_900m, 0.1m, 0.1m), (inFlight.Location, inFlight.Status, inFlight.Price, inFlight.Quantity, inFlight.RemainingQuantity));
        var bookOnly = snapshot.OrderSnapshots.Single(o => o.OrderId == 31);
        Assert.Equal((OrderLocation.Book, OrderStatus.PartiallyFilled, 1m), (bookOnly.Location, bookOnly.Status, bookOnly.RemainingQuantity));
        Assert.Equal(capture.Books["ETHUSDT"].Book!.Orders[0].Timestamp, bookOnly.CreateTime);
        Assert.Null(bookOnly.ClientOrderId);
        Assert.Equal(13, snapshot.MemoryStats.TotalOrders);
        Assert.Empty(SnapshotValidator.Validate(snapshot, Partitions));
    }

    [Fact]
    public void Unconfigured_books_and_users_without_an_account_add_nothing_but_their_orders()
    {
        var capture = CaptureOf(Standard());
        var books = new Dictionary<string, OrderBookGrainState>(capture.Books) { ["NEWUSDT"] = new OrderBookGrainState() };
        var positions = new Dictionary<long, PositionGrainState>(capture.Positions) { [4242] = new PositionGrainState() };
        var snapshot = MatchEngineSnapshotBuilder.Build(capture with { Books = books, Positions = positions });
        Assert.Equal(2, snapshot.OrderBookSnapshots.Count);
        Assert.False(snapshot.AccountSnapshots.ContainsKey("4242"));
        Assert.Equal(SnapshotJson.Serialize(MatchEngineSnapshotBuilder.Build(capture)), SnapshotJson.Serialize(snapshot));
    }
}

/// <summary>The states the snapshot-document benchmark builds from (at a small scale) give a valid document.</summary>
public class SyntheticExchangeStatesTests
{
    [Fact]
    public void The_benchmarks_states_give_a_valid_document()
    {
        var exchange = new Trading.Benchmarks.Snapshots.SyntheticExchangeStates(symbols: 3, users: 60, ordersPerUser: 10);
        var (books, positions) = exchange.Capture();
        var snapshot = MatchEngineSnapshotBuilder.Build(new SnapshotCapture
        {
            SnapshotId = "bench", Timestamp = 1_795_000_000_000, Books = books, Positions = positions, Symbols = exchange.Specs,
        });
        Assert.Equal(600, exchange.RestingOrders);
        Assert.Equal(600, snapshot.MemoryStats.TotalActiveOrders);
        Assert.Equal(60, snapshot.MemoryStats.TotalPositions);
        Assert.Equal(60, snapshot.MemoryStats.TotalLockedPositions);
        Assert.Equal(600, snapshot.OrderBookSnapshots.Values.Sum(b => b.OrderIds.Count));
        Assert.Empty(SnapshotValidator.Validate(snapshot, null));
    }
}
