using System.Text.Json;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.EndToEnd.Operations;

/// <summary>Helpers for the Kafka operations endpoints: every answer is the envelope {code, message, data}.</summary>
internal static class OperationsApi
{
    /// <summary>Settings for a host whose silo reports and alert evaluations are frequent enough for tests.</summary>
    public static Dictionary<string, string?> FastReports(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Runtime:StatisticsIntervalMs"] = "200",
            ["Operations:AlertIntervalMs"] = "200",
            ["Operations:ControlPollMs"] = "50",
        };
        if (more is not null) foreach (var (k, v) in more) settings[k] = v;
        return settings;
    }

    /// <summary>The <c>data</c> of a code-0 answer (HTTP 200).</summary>
    public static async Task<JsonElement> Data(SignedClient admin, HttpMethod method, string path, object? body = null)
    {
        var envelope = await admin.SendJsonAsync(method, path, body, 200);
        Assert.Equal(0, envelope.GetProperty("code").GetInt32());
        Assert.Equal("success", envelope.GetProperty("message").GetString());
        return envelope.GetProperty("data");
    }

    public static Task<JsonElement> Get(SignedClient admin, string path) => Data(admin, HttpMethod.Get, path);

    public static Task<JsonElement> Post(SignedClient admin, string path, object? body = null) => Data(admin, HttpMethod.Post, path, body);

    /// <summary>Messages handed to grains per silo and grain type, from GET /api/kafka/consumer/status.</summary>
    public static async Task<Dictionary<string, long>> MessagesIn(SignedClient admin)
    {
        var status = await Get(admin, "/api/kafka/consumer/status");
        var counts = new Dictionary<string, long>();
        foreach (var silo in status.GetProperty("silos").EnumerateArray())
        foreach (var type in silo.GetProperty("grainTypes").EnumerateArray())
            counts[$"{silo.GetProperty("siloId").GetString()}/{type.GetProperty("grainType").GetString()}"] = type.GetProperty("messagesIn").GetInt64();
        return counts;
    }

    public static async Task<int> LiveSilos(SignedClient admin) =>
        (await Get(admin, "/api/kafka/consumer/status")).GetProperty("silos").GetArrayLength();
}
