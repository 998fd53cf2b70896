namespace Trading.Grains.Margin;

/// <summary>Direction of an order or a fill as seen by the account that owns it.</summary>
public enum TradeSide : byte
{
    /// <summary>Buys: increases a long, reduces a short.</summary>
    Buy = 1,
    /// <summary>Sells: increases a short, reduces a long.</summary>
    Sell = 2,
}

/// <summary>Helpers on <see cref="TradeSide"/>.</summary>
public static class TradeSideExtensions
{
    /// <summary>+1 for <see cref="TradeSide.Buy"/>, -1 for <see cref="TradeSide.Sell"/>.</summary>
    public static int Sign(this TradeSide side) => side == TradeSide.Buy ? 1 : -1;

    /// <summary>The other side.</summary>
    public static TradeSide Opposite(this TradeSide side) => side == TradeSide.Buy ? TradeSide.Sell : TradeSide.Buy;
}
