namespace Trading.Benchmarks.Mix50;

/// <summary>Command types of the mix50 stream; the numeric values are those hashed into the stream hash.</summary>
public enum Mix50CommandType : byte
{
    /// <summary>Good-till-cancelled limit order: matches, then its remainder rests.</summary>
    Limit = 0,

    /// <summary>Immediate-or-cancel limit order: matches up to its price, remainder discarded.</summary>
    Ioc = 1,

    /// <summary>Market order: matches without price limit, remainder discarded.</summary>
    Market = 2,

    /// <summary>Cancel of a resting order by id.</summary>
    Cancel = 3,
}
