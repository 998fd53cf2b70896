using Trading.Client.Api.Push.Depth;
using Trading.Client.Api.Push.Klines;
using Trading.Grains.Symbols;

namespace Trading.Client.Api.Push.Fanout;

/// <summary>The public channels of one symbol: its depth copy, candles, trade subscribers and ticker subscribers.</summary>
public sealed class SymbolFeeds(string symbol, SymbolSpec spec, DepthReplica depth, KlineReplica klines)
{
    private int _tickerDue;

    public string Symbol => symbol;
    public DepthReplica Depth => depth;
    public KlineReplica Klines => klines;
    public SubscriberSet Trades { get; } = new();
    public SubscriberSet Ticker { get; } = new();

    /// <summary>The symbol's rules as last seen; prices and quantities of its frames are formatted with them.</summary>
    public SymbolSpec Spec { get; set; } = spec;

    /// <summary>A trade, a depth change or a new subscriber: the ticker should be pushed at the next interval.</summary>
    public void MarkTickerDue() => Volatile.Write(ref _tickerDue, 1);

    public bool TakeTickerDue() => Interlocked.Exchange(ref _tickerDue, 0) == 1;
}
