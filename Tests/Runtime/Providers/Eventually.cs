namespace Trading.Tests.Runtime.Providers;

/// <summary>Waits for a condition that other threads make true, failing the test with a message on timeout.</summary>
internal static class Eventually
{
    public static void True(Func<bool> condition, TimeSpan timeout, Func<string> describe, params ConsumerDriver[] drivers)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (var driver in drivers) driver.ThrowIfFailed();
            if (condition()) return;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#} s waiting for: {describe()}");
            Thread.Sleep(20);
        }
    }
}
