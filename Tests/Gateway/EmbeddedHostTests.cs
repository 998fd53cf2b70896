using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Trading.Silo;

namespace Trading.Tests.Gateway;

/// <summary>The embedded system (silo + gateway in one process, no servers) answers health and cluster status.</summary>
public sealed class EmbeddedHostTests : IClassFixture<WebApplicationFactory<SiloProgram>>
{
    private readonly WebApplicationFactory<SiloProgram> _factory;

    public EmbeddedHostTests(WebApplicationFactory<SiloProgram> factory) => _factory = factory;

    [Fact]
    public async Task Health_answers_200()
    {
        using var client = _factory.CreateClient();
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Cluster_status_shows_the_in_process_silo_and_configured_topics()
    {
        using var client = _factory.CreateClient();
        var status = await client.GetFromJsonAsync<JsonElement>("/api/cluster/status");

        Assert.Equal("Embedded", status.GetProperty("mode").GetString());
        Assert.Equal("trading", status.GetProperty("clusterId").GetString());
        var silo = Assert.Single(status.GetProperty("silos").EnumerateArray());
        Assert.Equal("Active", silo.GetProperty("status").GetString());
        Assert.Equal("in-memory", silo.GetProperty("streamProvider").GetString());
        Assert.Equal("match-results", status.GetProperty("topics").GetProperty("MatchResults").GetString());
    }

    [Fact]
    public async Task Configuration_from_the_command_line_overrides_the_shared_settings()
    {
        using var factory = _factory.WithWebHostBuilder(b =>
            b.UseSetting("Topics:MatchResults", "custom-results").UseSetting("Cluster:ClusterId", "blue"));
        using var client = factory.CreateClient();
        var status = await client.GetFromJsonAsync<JsonElement>("/api/cluster/status");
        Assert.Equal("blue", status.GetProperty("clusterId").GetString());
        Assert.Equal("custom-results", status.GetProperty("topics").GetProperty("MatchResults").GetString());
    }
}
