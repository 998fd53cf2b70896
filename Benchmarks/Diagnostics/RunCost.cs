using System.Diagnostics;
using System.Globalization;

namespace Trading.Benchmarks.Diagnostics;

/// <summary>
/// What a measured phase cost the machine: this process's CPU and GC (pause time, collections per generation) and,
/// on Linux, the CPU of the servers beside it (Redis, the Kafka broker), read from <c>/proc</c>. On a shared 2-core
/// machine a throughput difference between two phases is CPU taken by someone: this names who.
/// <code>var cost = RunCost.Start(); ...; Console.WriteLine($"phase_cost: {cost.Stop()}");</code>
/// </summary>
public sealed class RunCost
{
    private static readonly string[] Servers = ["redis-server", "kafka.Kafka"];
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly TimeSpan _pause = GC.GetTotalPauseDuration();
    private readonly int[] _collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly (int Pid, long Ticks)[] _servers = new (int, long)[Servers.Length];

    private RunCost()
    {
        for (var i = 0; i < Servers.Length; i++)
        {
            var pid = FindPid(Servers[i]);
            _servers[i] = (pid, pid > 0 ? ProcTicks(pid) : 0);
        }
    }

    public static RunCost Start() => new();

    /// <summary>One line: elapsed, CPU in cores (this process, Redis, Kafka), GC pause ms and gen0/gen1/gen2 counts.</summary>
    public string Stop()
    {
        var stopped = Stopwatch.GetTimestamp();
        var seconds = Stopwatch.GetElapsedTime(_started, stopped).TotalSeconds;
        var cores = (Process.GetCurrentProcess().TotalProcessorTime - _cpu).TotalSeconds / seconds;
        var line = string.Create(CultureInfo.InvariantCulture, $"seconds={seconds:F2} cores_self={cores:F2}");
        for (var i = 0; i < Servers.Length; i++)
        {
            var (pid, ticks) = _servers[i];
            if (pid <= 0) continue;
            var used = (ProcTicks(pid) - ticks) / 100.0; // USER_HZ
            line += string.Create(CultureInfo.InvariantCulture, $" cores_{(i == 0 ? "redis" : "kafka")}={used / seconds:F2}");
        }
        return line + string.Create(CultureInfo.InvariantCulture,
            $" gc_pause_ms={(GC.GetTotalPauseDuration() - _pause).TotalMilliseconds:F0} gc={GC.CollectionCount(0) - _collections[0]}/{GC.CollectionCount(1) - _collections[1]}/{GC.CollectionCount(2) - _collections[2]}" +
            // Stopwatch ticks (CLOCK_MONOTONIC ns on Linux): `perf record -k CLOCK_MONOTONIC` samples of this window are
            // `perf script --time {start/1e9},{end/1e9}`.
            $" window={_started}-{stopped}");
    }

    /// <summary>The first process whose command line holds <paramref name="name"/>; 0 if none or not Linux.</summary>
    private static int FindPid(string name)
    {
        if (!OperatingSystem.IsLinux()) return 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(name, StringComparison.Ordinal)) return pid;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return 0;
    }

    /// <summary>utime + stime of a process in clock ticks (fields 14 and 15 of /proc/PID/stat, after the command name).</summary>
    private static long ProcTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
