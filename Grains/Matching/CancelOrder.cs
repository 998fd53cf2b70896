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
    /// <summary>
    /// Cancel on behalf of the venue (risk engine, operator, a replayed stream without users): skips the
    /// ownership check, so <see cref="UserId"/> is ignored for cancels by id.
    /// </summary>
    public bool Administrative;

    public static CancelOrder ById(long orderId, long userId, long timestamp) =>
        new() { OrderId = orderId, UserId = userId, Timestamp = timestamp };

    /// <summary>An administrative cancel by id (no ownership check).</summary>
    public static CancelOrder ByIdAsVenue(long orderId, long timestamp) =>
        new() { OrderId = orderId, Timestamp = timestamp, Administrative = true };

    public static CancelOrder ByClientId(long userId, long clientOrderId, long timestamp) =>
        new() { UserId = userId, ClientOrderId = clientOrderId, Timestamp = timestamp };
}
