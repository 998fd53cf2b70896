using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.Exchange.Codecs;
using Trading.Runtime.Messaging;

namespace Trading.Benchmarks.Codecs;

/// <summary>
/// JSON against the binary codecs: one serialize and one deserialize through a <see cref="MessageTypeRegistry"/>,
/// as a grain turn does, of a submitted order (with its spec), a fill's per-user events (2 events) and the account
/// update after it. The JSON registry registers the same types without their codecs. Run with <c>-- bdn-codec</c>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CodecBenchmarks
{
    private readonly MessageTypeRegistry _json = new MessageTypeRegistry()
        .Register<SubmitOrder>().Register<UserBookEvents>().Register<UserUpdate>();
    private readonly MessageTypeRegistry _binary = new MessageTypeRegistry()
        .Register(SubmitOrderCodec.Instance).Register(UserBookEventsCodec.Instance).Register(UserUpdateCodec.Instance);
    private readonly SubmitOrder _order = CodecBenchmarkMessages.SubmitOrder();
    private readonly UserBookEvents _events = CodecBenchmarkMessages.UserBookEvents();
    private readonly UserUpdate _update = CodecBenchmarkMessages.UserUpdate();

    [Benchmark(Baseline = true), BenchmarkCategory(nameof(SubmitOrder))]
    public object SubmitOrderJson() => RoundTrip(_json, _order, nameof(SubmitOrder));

    [Benchmark, BenchmarkCategory(nameof(SubmitOrder))]
    public object SubmitOrderBinary() => RoundTrip(_binary, _order, nameof(SubmitOrder));

    [Benchmark(Baseline = true), BenchmarkCategory(nameof(UserBookEvents))]
    public object UserBookEventsJson() => RoundTrip(_json, _events, nameof(UserBookEvents));

    [Benchmark, BenchmarkCategory(nameof(UserBookEvents))]
    public object UserBookEventsBinary() => RoundTrip(_binary, _events, nameof(UserBookEvents));

    [Benchmark(Baseline = true), BenchmarkCategory(nameof(UserUpdate))]
    public object UserUpdateJson() => RoundTrip(_json, _update, nameof(UserUpdate));

    [Benchmark, BenchmarkCategory(nameof(UserUpdate))]
    public object UserUpdateBinary() => RoundTrip(_binary, _update, nameof(UserUpdate));

    private static object RoundTrip(MessageTypeRegistry registry, object message, string name) =>
        registry.Deserialize(name, registry.Serialize(message));
}
