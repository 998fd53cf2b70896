using System.Text;
using System.Text.Json;
using Trading.Tests.EndToEnd;
using Trading.Silo;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.Snapshots;

/// <summary>
/// Snapshot documents are posted whole to validate and recover: the gateway's own limit for those endpoints
/// (Auth:MaxSnapshotBodyBytes) applies, not Kestrel's default of 30 MB, and a larger body gets 413 naming the body.
/// </summary>
public sealed class SnapshotBodyLimitTests
{
    [Fact]
    public async Task A_document_larger_than_Kestrels_default_limit_is_read_and_validated()
    {
        // Real Kestrel on a loopback port (the in-memory test server has no body limit of its own).
        var apiKey = $"limit-admin-{Guid.NewGuid():N}";
        await using var app = SiloProgram.Build(["--Cluster:Mode=Embedded", "--Urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
            "--History:Enabled=false", $"--Auth:MasterKey={ExchangeHost.MasterKey}", $"--Auth:BootstrapKeys:0:ApiKey={apiKey}",
            "--Auth:BootstrapKeys:0:UserId=1", "--Auth:BootstrapKeys:0:Role=Admin"]);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(2) };
        var admin = new SignedClient(http, apiKey, SignedClient.DeriveSecret(ExchangeHost.MasterKey, apiKey));
        var body = Document(40 * 1024 * 1024); // above Kestrel's 30 MB default, below the 256 MB snapshot limit
        using var response = await admin.SendAsync(HttpMethod.Post, "/api/snapshot/recovery/validate", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(400, (int)response.StatusCode); // read whole and found invalid (an empty document), not cut short
        Assert.DoesNotContain("larger than", text);
        Assert.False(JsonDocument.Parse(text).RootElement.TryGetProperty("errors", out var errors) && errors.TryGetProperty("body", out _), text);
    }

    [Fact]
    public async Task A_document_over_the_configured_limit_gets_413_naming_the_body()
    {
        await using var host = ExchangeHost.Start(TestBackend.InMemory, new Dictionary<string, string?> { ["Auth:MaxSnapshotBodyBytes"] = "1048576" });
        using var response = await host.As(1).SendAsync(HttpMethod.Post, "/api/snapshot/recovery/validate", Document(2 * 1024 * 1024));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(413, (int)response.StatusCode);
        Assert.Contains("larger than 1048576 bytes", JsonDocument.Parse(text).RootElement.GetProperty("errors").GetProperty("body")[0].GetString());
    }

    /// <summary>A snapshot document with nothing in it but a padding field of about <paramref name="bytes"/> bytes.</summary>
    private static string Document(int bytes)
    {
        var json = new StringBuilder(bytes + 64);
        json.Append("{\"snapshotId\":\"padded\",\"remark\":\"").Append('x', bytes).Append("\"}");
        return json.ToString();
    }
}
