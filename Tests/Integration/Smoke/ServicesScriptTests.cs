using System.Diagnostics;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.Integration.Smoke;

/// <summary>scripts/services.sh up is idempotent: run twice, it succeeds and starts nothing new.</summary>
[Trait("Category", "Integration")]
// Not beside the ClickHouse outage test: `up` during its outage started a second server, whose pid file the outage
// test's stop then removed ("clickhouse still answers: it was not started by this script").
[Collection(Trading.Tests.ReadSide.History.HistoryWait.Collection)]
public sealed class ServicesScriptTests
{
    private static readonly string[] Servers = ["redis", "clickhouse", "zookeeper", "kafka"];

    [Fact]
    public void Up_twice_succeeds_and_starts_nothing_new()
    {
        var first = RunScript("up");
        Assert.True(first.ExitCode == 0, first.Output);
        var pidsAfterFirst = ReadPids();

        var second = RunScript("up");
        Assert.True(second.ExitCode == 0, second.Output);
        foreach (var server in Servers)
            Assert.Contains($"{server} already answers", second.Output);
        Assert.DoesNotContain("starting", second.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(pidsAfterFirst, ReadPids());

        var status = RunScript("status");
        Assert.True(status.ExitCode == 0, status.Output);
        foreach (var server in Servers)
            Assert.Matches($@"(?m)^{server}\s+\S+\s+answers", status.Output);
    }

    private static Dictionary<string, string> ReadPids()
    {
        var dir = Path.Combine(RepositoryRoot.Path, ".services", "pids");
        return Directory.Exists(dir)
            ? Directory.GetFiles(dir, "*.pid").ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f).Trim())
            : new Dictionary<string, string>();
    }

    private static (int ExitCode, string Output) RunScript(string verb)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, "scripts", "services.sh"), verb])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Path,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"services.sh {verb} did not finish");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
