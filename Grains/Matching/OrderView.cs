namespace Trading.Grains.Matching;

/// <summary>Read-only copy of one open order (resting or untriggered).</summary>
public readonly record struct OrderView(
    long OrderId, long UserId, long ClientOrderId, OrderSide Side, OrderType Type, TimeInForce TimeInForce,
    long Price, long StopPrice, long Quantity, long FilledQuantity, OrderStatus Status, bool Untriggered, long Timestamp);
