namespace Trading.Grains.Matching;

/// <summary>
/// Order types as Binance USDT-M futures names them. Stop and take-profit orders wait untriggered until the
/// trigger price (last trade price, or mark price with <see cref="WorkingType.Mark"/>) reaches their stop price:
/// a stop buy triggers when price &gt;= stop, a take-profit buy when price &lt;= stop, mirrored for sells.
/// </summary>
public enum OrderType : byte
{
    Limit = 0,
    Market = 1,
    /// <summary>Stop-loss that becomes a LIMIT order at <see cref="PlaceOrder.Price"/> when triggered.</summary>
    StopLimit = 2,
    /// <summary>Stop-loss that becomes a MARKET order when triggered.</summary>
    StopMarket = 3,
    /// <summary>Take-profit that becomes a LIMIT order when triggered.</summary>
    TakeProfit = 4,
    /// <summary>Take-profit that becomes a MARKET order when triggered.</summary>
    TakeProfitMarket = 5,
}

/// <summary>Classification helpers for <see cref="OrderType"/>.</summary>
public static class OrderTypeExtensions
{
    /// <summary>True for the four conditional (stop / take-profit) types.</summary>
    public static bool IsConditional(this OrderType type) => type >= OrderType.StopLimit;

    /// <summary>True when the order matches without a limit price once active (MARKET, STOP_MARKET, TAKE_PROFIT_MARKET).</summary>
    public static bool IsMarketLike(this OrderType type) =>
        type is OrderType.Market or OrderType.StopMarket or OrderType.TakeProfitMarket;

    /// <summary>True for take-profit types, whose trigger direction is the reverse of a stop's.</summary>
    public static bool IsTakeProfit(this OrderType type) => type is OrderType.TakeProfit or OrderType.TakeProfitMarket;
}
