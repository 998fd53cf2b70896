using System.Runtime.InteropServices;

namespace Trading.Benchmarks.Mix50;

/// <summary>
/// One command of the mix50 stream as a compact 32-byte value. Engines translate it into their own
/// order objects inside the timed loop. Market and cancel commands carry price 0; cancels carry
/// qty 0, uid 0 and <see cref="IsBuy"/> false.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct Mix50Command
{
    /// <summary>Order id: the new order's id, or the id of the order to cancel.</summary>
    public long OrderId { get; init; }

    /// <summary>Limit price in ticks (0 for market and cancel).</summary>
    public long Price { get; init; }

    /// <summary>Quantity in lots (0 for cancel).</summary>
    public long Qty { get; init; }

    /// <summary>User id 1..USERS (0 for cancel).</summary>
    public int Uid { get; init; }

    /// <summary>Command type.</summary>
    public Mix50CommandType Type { get; init; }

    /// <summary>True for buy orders; false for sells and cancels.</summary>
    public bool IsBuy { get; init; }

    /// <summary>Creates a GTC limit order.</summary>
    public static Mix50Command Limit(long id, bool isBuy, long price, long qty, int uid) =>
        new() { Type = Mix50CommandType.Limit, OrderId = id, IsBuy = isBuy, Price = price, Qty = qty, Uid = uid };

    /// <summary>Creates an IOC limit order.</summary>
    public static Mix50Command Ioc(long id, bool isBuy, long price, long qty, int uid) =>
        new() { Type = Mix50CommandType.Ioc, OrderId = id, IsBuy = isBuy, Price = price, Qty = qty, Uid = uid };

    /// <summary>Creates a market order (no price).</summary>
    public static Mix50Command Market(long id, bool isBuy, long qty, int uid) =>
        new() { Type = Mix50CommandType.Market, OrderId = id, IsBuy = isBuy, Qty = qty, Uid = uid };

    /// <summary>Creates a cancel of the resting order <paramref name="id"/>.</summary>
    public static Mix50Command Cancel(long id) =>
        new() { Type = Mix50CommandType.Cancel, OrderId = id };

    /// <inheritdoc />
    public override string ToString() => Type switch
    {
        Mix50CommandType.Cancel => $"Cancel id{OrderId}",
        Mix50CommandType.Market => $"Market {(IsBuy ? "BUY" : "SELL")} id{OrderId} q{Qty} uid{Uid}",
        _ => $"{Type} {(IsBuy ? "BUY" : "SELL")} id{OrderId} px{Price} q{Qty} uid{Uid}",
    };
}
