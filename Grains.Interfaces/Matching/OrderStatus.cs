namespace Trading.Grains.Matching;

/// <summary>Order status after an event, as Binance reports it.</summary>
public enum OrderStatus : byte
{
    New = 0,
    PartiallyFilled = 1,
    Filled = 2,
    Canceled = 3,
    Expired = 4,
    Rejected = 5,
}

/// <summary>Helpers for <see cref="OrderStatus"/>.</summary>
public static class OrderStatusExtensions
{
    /// <summary>True when the order can no longer trade.</summary>
    public static bool IsFinal(this OrderStatus status) => status >= OrderStatus.Filled;
}
