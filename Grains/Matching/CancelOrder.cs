namespace Trading.Grains.Matching;

/// <summary>
/// Command: cancel one open order (resting or untriggered), by <see cref="OrderId"/> when it is &gt; 0,
/// otherwise by (<see cref="UserId"/>, <see cref="ClientOrderId"/>).
/// </summary>
public struct CancelOrder
{
    public long OrderId;
    public long UserId;
    public long ClientOrderId;
    public long Timestamp;

    public static CancelOrder ById(long orderId, long userId, long timestamp) =>
        new() { OrderId = orderId, UserId = userId, Timestamp = timestamp };

    public static CancelOrder ByClientId(long userId, long clientOrderId, long timestamp) =>
        new() { UserId = userId, ClientOrderId = clientOrderId, Timestamp = timestamp };
}
