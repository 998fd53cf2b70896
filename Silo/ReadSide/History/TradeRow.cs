using Trading.Grains.Matching;

namespace Trading.Silo.ReadSide.History;

/// <summary>
/// One trade as the trades table keeps it (ticks, lots, 1e-8 quote units), read from a match result without
/// building its events. <see cref="Side"/>, <see cref="OrderId"/> and <see cref="UserId"/> are the taker's.
/// </summary>
public struct TradeRow
{
    public string Symbol;
    public long Timestamp;
    public long TradeSequence;
    public long Price;
    public long Quantity;
    public long Notional;
    public OrderSide Side;
    public long OrderId;
    public long UserId;
    public long MakerOrderId;
    public long MakerUserId;
    public long TakerFee;
    public long MakerFee;
    public bool Liquidation;
}
