using System.Diagnostics;
using System.Globalization;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Runtime.Configuration;

namespace Trading.Silo.Snapshots;

/// <summary>
/// Runs <see cref="SnapshotDocumentCommand"/> in a process of its own: the silo's binary again, under <c>nice</c> at
/// <see cref="SnapshotOptions.DocumentProcessNice"/> from its first instruction (so every thread it starts inherits the
/// priority), with workstation GC. The document of a million orders allocates half a gigabyte; in the silo those
/// collections paused the matching threads too (11-13% of the time against 7-8% without), in a process of its own they
/// pause nobody. The Redis connection and cluster settings go in the child's environment, never on its command line.
/// A run that fails, exits without its result line, or outlives <see cref="SnapshotOptions.DocumentProcessTimeoutSeconds"/>
/// (it is then ended) throws, and the assembler retries the step; a silo stopping meanwhile ends the process too.
/// </summary>
internal sealed class ChildProcessDocumentBuild(RedisOptions redis, string clusterId, SnapshotOptions options, ILogger logger)
    : ISnapshotDocumentBuild
{
    internal static readonly string? Nice = File.Exists("/usr/bin/nice") ? "/usr/bin/nice" : File.Exists("/bin/nice") ? "/bin/nice" : null;

    public async Task<SnapshotDocumentInfo> RunAsync(SnapshotStatus manifest, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(StartInfo(manifest.SnapshotId))
            ?? throw new InvalidOperationException("the snapshot document process did not start");
        if (Nice is null) TryLower(process);
        SnapshotDocumentInfo? result = null;
        var errors = new Queue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && SnapshotDocumentCommand.ParseResult(line) is { } parsed) result = parsed;
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (errors)
            {
                errors.Enqueue(e.Data);
                if (errors.Count > 20) errors.Dequeue();
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.DocumentProcessTimeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"snapshot {manifest.SnapshotId}: the document process ran longer than {options.DocumentProcessTimeoutSeconds} s and was ended");
        }
        process.WaitForExit(); // the redirected streams are read to their end
        string tail;
        lock (errors) tail = string.Join(Environment.NewLine, errors);
        if (process.ExitCode != 0 || result is null)
            throw new InvalidOperationException($"snapshot {manifest.SnapshotId}: the document process exited with {process.ExitCode}" +
                (result is null ? " and no result" : "") + (tail.Length > 0 ? $": {tail}" : ""));
        logger.LogInformation("Snapshot {SnapshotId}: document process (pid {Pid}, nice {Nice}) wrote {Bytes} bytes in {Ms} ms",
            manifest.SnapshotId, process.Id, Nice is null ? "unset" : options.DocumentProcessNice.ToString(CultureInfo.InvariantCulture),
            result.Bytes, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    internal ProcessStartInfo StartInfo(string snapshotId)
    {
        var silo = typeof(SnapshotDocumentCommand).Assembly.Location;
        // Under `dotnet Silo.dll` (or a test host, or a benchmark) the process is the dotnet host; under the apphost it is not.
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var info = new ProcessStartInfo
        {
            FileName = Nice ?? host, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (Nice is not null)
        {
            info.ArgumentList.Add("-n");
            info.ArgumentList.Add(options.DocumentProcessNice.ToString(CultureInfo.InvariantCulture));
            info.ArgumentList.Add(host);
        }
        info.ArgumentList.Add(silo);
        info.ArgumentList.Add(SnapshotDocumentCommand.Name);
        info.ArgumentList.Add("--snapshot-id");
        info.ArgumentList.Add(snapshotId);
        info.ArgumentList.Add("--compress-parts");
        info.ArgumentList.Add(options.CompressParts ? "true" : "false");
        info.Environment["Redis__Configuration"] = redis.Configuration;
        info.Environment["Redis__Database"] = redis.Database.ToString(CultureInfo.InvariantCulture);
        info.Environment["Redis__KeyPrefix"] = redis.KeyPrefix;
        info.Environment["Cluster__ClusterId"] = clusterId;
        info.Environment["DOTNET_gcServer"] = "0"; // one heap: the build is one thread's work, and the silo keeps the cores
        return info;
    }

    /// <summary>Without <c>nice</c> the priority is lowered after the start (Linux: nice 19; threads started before keep 0).</summary>
    private void TryLower(Process process)
    {
        try
        {
            process.PriorityClass = ProcessPriorityClass.Idle;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or PlatformNotSupportedException)
        {
            logger.LogWarning(e, "The snapshot document process runs at normal priority");
        }
    }
}
