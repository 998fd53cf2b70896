namespace Trading.Tests.ReadSide.History;

/// <summary>Waits for what the exporter makes true in the background, failing with what was awaited.</summary>
internal static class HistoryWait
{
    public const string Collection = "ClickHouse history";

    public static Task Until(Func<Task<bool>> condition, string what, int timeoutSeconds = 90) =>
        Until(condition, () => what, timeoutSeconds);

    public static async Task Until(Func<Task<bool>> condition, Func<string> what, int timeoutSeconds = 90)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(timeoutSeconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what()}");
            await Task.Delay(100);
        }
    }
}
