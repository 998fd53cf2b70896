namespace Trading.Grains.Matching;

/// <summary>Price that triggers a conditional order.</summary>
public enum WorkingType : byte
{
    /// <summary>The book's last trade price.</summary>
    LastPrice = 0,
    /// <summary>The mark price supplied by <see cref="OrderBook.SetMarkPrice{TSink}"/>.</summary>
    MarkPrice = 1,
}
