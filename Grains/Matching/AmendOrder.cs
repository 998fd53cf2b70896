namespace Trading.Grains.Matching;

/// <summary>
/// Command: change the price and/or quantity of a resting order.
/// Rules: quantity down at the same price keeps time priority; a new price or a larger quantity loses it
/// (the order re-enters at the back of its level, matching first if the new price crosses, following its
/// time in force: GTC trades, post-only expires). A new quantity at or below the filled quantity cancels the
/// order (reason <see cref="RejectReason.AmendBelowFilled"/>). Untriggered conditional orders are not amendable.
/// </summary>
public struct AmendOrder
{
    public long OrderId;
    public long UserId;
    /// <summary>New limit price in ticks; 0 keeps the current price.</summary>
    public long NewPrice;
    /// <summary>New total quantity in lots (including what is filled); 0 keeps the current quantity.</summary>
    public long NewQuantity;
    public long Timestamp;

    public static AmendOrder Of(long orderId, long userId, long newPrice, long newQuantity, long timestamp) =>
        new() { OrderId = orderId, UserId = userId, NewPrice = newPrice, NewQuantity = newQuantity, Timestamp = timestamp };
}
