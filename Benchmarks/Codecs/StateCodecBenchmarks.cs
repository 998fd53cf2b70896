using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Trading.Grains.Exchange;
using Trading.Grains.Exchange.Codecs;
using Trading.Runtime.Grains;

namespace Trading.Benchmarks.Codecs;

/// <summary>
/// Grain checkpoint states, JSON against the binary state codecs, each stored as it is or Deflate-compressed (the
/// checkpoint payload's fastest level): encode (serialize, then compress) and decode (inflate, then deserialize) of a
/// book of 100,000 resting orders and of an account with a full journal (<see cref="StateBenchmarkStates"/>). The
/// <c>Stored</c> column is the bytes that go to Redis. Run with <c>-- bdn-state --job short</c>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByParams)]
[Config(typeof(StateCodecBenchmarkConfig))]
public class StateCodecBenchmarks
{
    private object _state = null!;
    private byte[] _stored = null!;

    [Params("Book100k", "Account1000")]
    public string State { get; set; } = "";

    [Params("Json", "Binary")]
    public string Format { get; set; } = "";

    [Params(false, true)]
    public bool Deflate { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _state = StateOf(State);
        _stored = Encode();
    }

    [Benchmark]
    public byte[] Encode()
    {
        var raw = _state switch
        {
            OrderBookGrainState book => GrainStateFormat.Serialize(book, Format == "Binary" ? OrderBookGrainStateCodec.Instance : null),
            PositionGrainState position => GrainStateFormat.Serialize(position, Format == "Binary" ? PositionGrainStateCodec.Instance : null),
            _ => throw new InvalidOperationException(),
        };
        return Deflate ? GrainCheckpointPayload.Deflate(raw) : raw;
    }

    [Benchmark]
    public object Decode()
    {
        var raw = Deflate ? GrainCheckpointPayload.Inflate(_stored) : _stored;
        return _state switch
        {
            OrderBookGrainState => GrainStateFormat.Deserialize(raw, Format == "Binary" ? OrderBookGrainStateCodec.Instance : null)!,
            _ => GrainStateFormat.Deserialize(raw, Format == "Binary" ? PositionGrainStateCodec.Instance : null)!,
        };
    }

    /// <summary>The stored size of one case (what the <c>Stored</c> column shows).</summary>
    public static int StoredBytes(string state, string format, bool deflate) =>
        new StateCodecBenchmarks { State = state, Format = format, Deflate = deflate, _state = StateOf(state) }.Encode().Length;

    private static readonly Dictionary<string, object> States = new(StringComparer.Ordinal);

    private static object StateOf(string name)
    {
        lock (States)
        {
            if (!States.TryGetValue(name, out var state))
                States[name] = state = name == "Book100k" ? StateBenchmarkStates.Book() : StateBenchmarkStates.Account();
            return state;
        }
    }
}
