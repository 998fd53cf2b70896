using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Matching;
using Trading.Runtime.Messaging;
using Trading.Runtime.Streams;

namespace Trading.Benchmarks.History;

/// <summary>
/// Deterministic match results as order books would emit them on <c>match-results</c>: record n belongs to symbol
/// n mod S and is that book's (n / S)-th output, carrying <c>tradesPerResult</c> trades with consecutive trade
/// sequences. Timestamps grow by <c>stepMs</c> per record, prices wander around 50,000.0 (ticks of 0.1).
/// </summary>
public sealed class SyntheticTrades(IReadOnlyList<string> symbols, int tradesPerResult, long startMs, long stepMs)
{
    /// <summary>Notional units per tick x lot of a 0.1 tick, 0.001 step symbol.</summary>
    public const long NotionalMultiplier = 10_000;

    private static readonly MessageTypeRegistry Messages = new MessageTypeRegistry().Register<MatchResult>();

    public IReadOnlyList<string> Symbols => symbols;
    public int TradesPerResult => tradesPerResult;

    public MatchResult Result(long n)
    {
        var symbol = symbols[(int)(n % symbols.Count)];
        var index = n / symbols.Count;
        var timestamp = startMs + n * stepMs;
        var events = new BookEvent[tradesPerResult];
        for (var j = 0; j < tradesPerResult; j++)
        {
            var tradeSequence = index * tradesPerResult + j + 1;
            var mix = Mix(n * 31 + j);
            var price = 500_000 + (long)(mix % 2_001) - 1_000;
            var quantity = 1 + (long)(mix / 2_001 % 50);
            events[j] = new BookEvent
            {
                Sequence = tradeSequence * 2, Timestamp = timestamp, Kind = MatchEventKind.Trade, OrderId = 2 * tradeSequence,
                UserId = 1001 + (long)(mix % 4), Side = mix % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, Price = price,
                Quantity = quantity, TradeSequence = tradeSequence, MakerOrderId = 2 * tradeSequence + 1,
                MakerUserId = 1005 + (long)(mix % 3), Notional = price * quantity * NotionalMultiplier,
                TakerFee = price * quantity * 4, MakerFee = price * quantity * 2,
            };
        }
        return new MatchResult(symbol, events);
    }

    /// <summary>The record of result n: key symbol, value an envelope whose (source, sequence) a replay reproduces.</summary>
    public (string Key, byte[] Value) Record(long n)
    {
        var result = Result(n);
        var inputOffset = n / symbols.Count;
        var envelope = new MessageEnvelope(MessageKind.Message, $"OrderBook/{result.Symbol}", inputOffset * MessageEnvelope.OutputsPerInput,
            "MatchResult", null, null, startMs + n * stepMs, Messages.Serialize(result));
        return (result.Symbol, EnvelopeCodec.Encode(envelope));
    }

    /// <summary>Produces results [from, toExclusive) and waits until the log acknowledged them.</summary>
    public void Produce(IMessageLog log, string topic, long from, long toExclusive)
    {
        using var producer = log.CreateProducer();
        var failed = 0;
        for (var n = from; n < toExclusive; n++)
        {
            var (key, value) = Record(n);
            producer.Produce(topic, key, value, r => { if (!r.Succeeded) Interlocked.Increment(ref failed); });
        }
        if (producer.Flush(TimeSpan.FromMinutes(2)) != 0 || failed > 0) throw new InvalidOperationException("match results not fully produced");
    }

    private static ulong Mix(long value)
    {
        var z = (ulong)value + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
