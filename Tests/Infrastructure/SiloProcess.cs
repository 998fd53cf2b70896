using System.Diagnostics;

namespace Trading.Tests.Infrastructure;

/// <summary>
/// A silo in a child process, for tests that kill silos with SIGKILL the way a crash would: by default
/// Benchmarks.dll test-silo (the counter grain on Kafka and Redis), or the real Silo.dll.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = new();

    private SiloProcess(Process process) => _process = process;

    public int Pid => _process.Id;
    public bool Exited => _process.HasExited;
    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    public static Task<SiloProcess> StartAsync(IReadOnlyDictionary<string, string> settings) =>
        StartAsync("Benchmarks.dll", ["test-silo"], settings, line => line == "READY");

    /// <summary>The real silo host (Silo.dll) with these settings; ready once the host reports it started.</summary>
    public static Task<SiloProcess> StartSiloHostAsync(IReadOnlyDictionary<string, string> settings) =>
        StartAsync("Silo.dll", [], settings, line => line.Contains("Application started", StringComparison.Ordinal));

    private static async Task<SiloProcess> StartAsync(string dllName, string[] args, IReadOnlyDictionary<string, string> settings,
        Func<string, bool> isReady)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, dllName);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in settings) info.ArgumentList.Add($"--{key}={value}");
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the silo process");
        var silo = new SiloProcess(process);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (silo._output) silo._output.Add(e.Data);
            if (isReady(e.Data)) ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (silo._output) silo._output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (started != ready.Task) throw new InvalidOperationException($"silo process did not become ready:\n{silo.Output}");
        return silo;
    }

    /// <summary>SIGKILL: no checkpoint, no commit, no leaving the group.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>SIGTERM and wait for the graceful exit.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
