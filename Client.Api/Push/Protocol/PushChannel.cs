namespace Trading.Client.Api.Push.Protocol;

/// <summary>The channels a WebSocket client can subscribe to. Public ones take a symbol; private ones are the signed-in user's.</summary>
public enum PushChannel
{
    Depth,
    Trades,
    Ticker,
    Kline,
    Orders,
    Positions,
    Account,
}

public static class PushChannels
{
    public static bool IsPrivate(this PushChannel channel) => channel is PushChannel.Orders or PushChannel.Positions or PushChannel.Account;

    /// <summary>The wire name (lower case), as clients send and receive it.</summary>
    public static string Name(this PushChannel channel) => channel switch
    {
        PushChannel.Depth => "depth",
        PushChannel.Trades => "trades",
        PushChannel.Ticker => "ticker",
        PushChannel.Kline => "kline",
        PushChannel.Orders => "orders",
        PushChannel.Positions => "positions",
        _ => "account",
    };

    public static bool TryParse(string name, out PushChannel channel)
    {
        switch (name)
        {
            case "depth": channel = PushChannel.Depth; return true;
            case "trades": channel = PushChannel.Trades; return true;
            case "ticker": channel = PushChannel.Ticker; return true;
            case "kline": channel = PushChannel.Kline; return true;
            case "orders": channel = PushChannel.Orders; return true;
            case "positions": channel = PushChannel.Positions; return true;
            case "account": channel = PushChannel.Account; return true;
            default: channel = default; return false;
        }
    }

    public const string Known = "depth, trades, ticker, kline (with a symbol; kline also with an interval); orders, positions, account (signed connections)";
}
