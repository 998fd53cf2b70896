using System.Diagnostics;
using Trading.Benchmarks.Runtime;
using Trading.Grains.Exchange.Snapshots;
using Trading.Grains.Interfaces.Snapshots;

namespace Trading.Benchmarks.Snapshots;

/// <summary>
/// The snapshot document without I/O: <c>dotnet run -c Release --project Benchmarks -- snapshot-document [--users 100000]
/// [--orders-per-user 10] [--symbols 10]</c> (defaults: 1,000,000 resting orders, 100,000 positions). Times the grains'
/// state capture (book and account snapshots), the builder (conversion, memoryStats, checksums), the checksums alone,
/// the validator and the JSON serialization; exits non-zero when the validator finds a problem.
/// </summary>
public static class SnapshotDocumentBenchmark
{
    public static int Run(string[] args)
    {
        var users = RuntimeThroughput.ArgValue(args, "--users", 100_000);
        var perUser = RuntimeThroughput.ArgValue(args, "--orders-per-user", 10);
        var symbols = RuntimeThroughput.ArgValue(args, "--symbols", 10);

        var watch = new PhaseTimer();
        var exchange = new SyntheticExchangeStates(symbols, users, perUser);
        watch.Report("snapshot_setup");
        Console.WriteLine($"snapshot_resting_orders: {exchange.RestingOrders}");
        Console.WriteLine($"snapshot_positions: {users}");

        GC.Collect();
        watch.Start();
        var (books, positions) = exchange.Capture();
        watch.Report("snapshot_capture");

        var capture = new SnapshotCapture
        {
            SnapshotId = "bench", Timestamp = 1_795_000_000_000, Books = books, Positions = positions, Symbols = exchange.Specs,
        };
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        watch.Start();
        var snapshot = MatchEngineSnapshotBuilder.Build(capture);
        watch.Report("snapshot_build_first");
        Console.WriteLine($"snapshot_build_allocated_mb: {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024 * 1024)}");
        snapshot = null!;
        GC.Collect();
        watch.Start();
        snapshot = MatchEngineSnapshotBuilder.Build(capture);
        watch.Report("snapshot_build");

        watch.Start();
        SnapshotChecksums.Compute(snapshot);
        watch.Report("snapshot_checksums");
        watch.Start();
        var problems = SnapshotValidator.Validate(snapshot, null);
        watch.Report("snapshot_validate");
        Console.WriteLine($"snapshot_problems: {problems.Count}");

        watch.Start();
        long bytes;
        using (var counter = new CountingStream()) { SnapshotJson.Serialize(counter, snapshot); bytes = counter.Length; }
        watch.Report("snapshot_serialize");
        Console.WriteLine($"snapshot_json_mb: {bytes / (1024 * 1024)}");
        Console.WriteLine($"snapshot_orders: {snapshot.MemoryStats.TotalOrders}");
        Console.WriteLine($"snapshot_locks: {snapshot.PositionLockSnapshots.Count}");
        foreach (var p in problems.Take(10)) Console.Error.WriteLine($"{p.Check} {p.Message}");
        return problems.Count == 0 ? 0 : 1;
    }

    /// <summary>Wall-clock and process CPU time of a phase (the machine is shared: CPU time is the steadier figure).</summary>
    private sealed class PhaseTimer
    {
        private readonly Stopwatch _wall = Stopwatch.StartNew();
        private TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;

        public void Start()
        {
            _cpu = Process.GetCurrentProcess().TotalProcessorTime;
            _wall.Restart();
        }

        public void Report(string name)
        {
            Console.WriteLine($"{name}_ms: {_wall.ElapsedMilliseconds}");
            Console.WriteLine($"{name}_cpu_ms: {(Process.GetCurrentProcess().TotalProcessorTime - _cpu).TotalMilliseconds:0}");
        }
    }

    /// <summary>A write-only stream that only counts.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
