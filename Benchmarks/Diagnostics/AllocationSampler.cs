using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Trading.Benchmarks.Diagnostics;

/// <summary>
/// Samples the runtime's allocation ticks (one event about every 100 KB allocated, naming the type that crossed the
/// mark) and adds them up per type: a cheap in-process view of what a benchmark allocates, without a tracing tool.
/// Started and stopped around the measured phase; <see cref="Print"/> writes the top types as <c>name: value</c> lines.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const int GcKeyword = 0x1;
    private const int AllocationTickEvent = 10;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private volatile bool _recording;

    public void Start() => _recording = true;

    public void Stop() => _recording = false;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_recording || e.EventId != AllocationTickEvent || e.Payload is null || e.PayloadNames is null) return;
        string? type = null;
        long bytes = 0;
        for (var i = 0; i < e.PayloadNames.Count; i++)
        {
            switch (e.PayloadNames[i])
            {
                case "TypeName": type = e.Payload[i] as string; break;
                case "AllocationAmount64": bytes = Convert.ToInt64(e.Payload[i]); break;
            }
        }
        if (type is not null) _bytesByType.AddOrUpdate(type, bytes, (_, sum) => sum + bytes);
    }

    /// <summary>The <paramref name="top"/> types by sampled bytes, as a share of all sampled bytes.</summary>
    public void Print(string prefix, int top = 15)
    {
        var all = _bytesByType.ToArray();
        var total = all.Sum(p => p.Value);
        foreach (var (type, bytes) in all.OrderByDescending(p => p.Value).Take(top))
            Console.WriteLine($"{prefix}_alloc_share: {100.0 * bytes / Math.Max(1, total):F1}% {type}");
    }
}
