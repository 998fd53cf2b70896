using System.Globalization;

namespace Trading.Grains.Interfaces.ReadSide;

/// <summary>
/// Names of the latest-data cache's keys, in the seed's style: <c>market_data:{kind}:{venue}:{symbol}</c> for public
/// data and <c>user_data:{kind}:{venue}:{userId}</c> for an account's, behind the configured Redis key prefix.
/// </summary>
public sealed class MarketCacheKeys(string prefix, string venue)
{
    public string Venue => venue;

    /// <summary>The book's top-N depth (a <see cref="Exchange.BookDepth"/>, ticks and lots).</summary>
    public string OrderBook(string symbol) => $"{prefix}market_data:orderbook:{venue}:{symbol}";

    /// <summary>The ticker (a <see cref="Exchange.Ticker"/>: last price, 24 h statistics, best bid and ask).</summary>
    public string Tick(string symbol) => $"{prefix}market_data:tick:{venue}:{symbol}";

    /// <summary>The latest trade price (a <see cref="LatestPrice"/>), refilled from ClickHouse on a miss.</summary>
    public string Price(string symbol) => $"{prefix}market_data:price:{venue}:{symbol}";

    /// <summary>Recent trades, newest first (<see cref="PublicTrade"/>).</summary>
    public string Trades(string symbol) => $"{prefix}market_data:trades:{venue}:{symbol}";

    /// <summary>The candles of one interval, newest first, with the last trade they hold (<see cref="RecentKlines"/>).</summary>
    public string Kline(string symbol, string interval) => $"{prefix}market_data:kline:{venue}:{symbol}:{interval}";

    /// <summary>Hash of the user's open orders by order id (<see cref="Exchange.OrderView"/>).</summary>
    public string OpenOrders(long userId) => $"{prefix}user_data:orders:{venue}:{Id(userId)}";

    /// <summary>Hash of the user's positions by symbol (<see cref="Exchange.PositionView"/>).</summary>
    public string Positions(long userId) => $"{prefix}user_data:positions:{venue}:{Id(userId)}";

    /// <summary>The user's balances (a list of <see cref="Exchange.BalanceView"/>).</summary>
    public string Balances(long userId) => $"{prefix}user_data:balances:{venue}:{Id(userId)}";

    private static string Id(long userId) => userId.ToString(CultureInfo.InvariantCulture);
}
