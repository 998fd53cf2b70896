namespace Trading.Benchmarks.Mix50;

/// <summary>A resting order of the <see cref="ShadowBook"/>.</summary>
public sealed class ShadowOrder
{
    /// <summary>Creates a resting order.</summary>
    public ShadowOrder(long id, bool isBuy, long price, long remaining, int uid)
    {
        Id = id;
        IsBuy = isBuy;
        Price = price;
        Remaining = remaining;
        Uid = uid;
    }

    /// <summary>Order id.</summary>
    public long Id { get; }

    /// <summary>True for a bid.</summary>
    public bool IsBuy { get; }

    /// <summary>Limit price in ticks.</summary>
    public long Price { get; }

    /// <summary>Unfilled quantity.</summary>
    public long Remaining { get; set; }

    /// <summary>Owner user id.</summary>
    public int Uid { get; }

    /// <summary>Slot of this order in the book's RESTING array.</summary>
    public int RestingIndex { get; set; }

    /// <summary>This order's node in its price level's FIFO queue.</summary>
    public LinkedListNode<ShadowOrder>? Node { get; set; }
}
