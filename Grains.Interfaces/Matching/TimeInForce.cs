namespace Trading.Grains.Matching;

/// <summary>Time in force of a limit order. MARKET orders ignore it and behave as IOC.</summary>
public enum TimeInForce : byte
{
    /// <summary>Good till cancelled: the remainder rests.</summary>
    Gtc = 0,
    /// <summary>Immediate or cancel: the remainder expires.</summary>
    Ioc = 1,
    /// <summary>Fill or kill: fills completely at once or expires without trading.</summary>
    Fok = 2,
    /// <summary>Good till crossing (post-only): expires instead of taking liquidity.</summary>
    Gtx = 3,
}
