namespace Trading.Tests.ReadSide.Push;

/// <summary>Short polling waits of the push replica tests (5 s bound, 5 ms steps).</summary>
internal static class Polling
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    public static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met");
            await Task.Delay(5);
        }
    }

    /// <summary>The next item a fake queued (under its lock), or a timeout naming <paramref name="what"/>.</summary>
    public static async Task<T> NextAsync<T>(Queue<T> queue, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (DateTime.UtcNow < deadline)
        {
            lock (queue)
                if (queue.TryDequeue(out var item)) return item;
            await Task.Delay(5);
        }
        throw new TimeoutException($"no {what}");
    }
}
