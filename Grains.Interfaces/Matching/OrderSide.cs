namespace Trading.Grains.Matching;

/// <summary>Side of an order: a buyer takes asks and rests on the bid side, a seller the reverse.</summary>
public enum OrderSide : byte
{
    Buy = 0,
    Sell = 1,
}
