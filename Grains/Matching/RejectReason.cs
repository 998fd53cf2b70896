namespace Trading.Grains.Matching;

/// <summary>
/// Reason code of a rejection (<see cref="MatchEventKind.Rejected"/>) or of an order ending early
/// (<see cref="MatchEventKind.Expired"/>, <see cref="MatchEventKind.Canceled"/>).
/// </summary>
public enum RejectReason : byte
{
    None = 0,
    // --- validation of a new order ---
    /// <summary>Order id must be &gt; 0.</summary>
    InvalidOrderId,
    /// <summary>An open order (resting or untriggered) already has this id.</summary>
    DuplicateOrderId,
    /// <summary>Quantity must be &gt; 0.</summary>
    InvalidQuantity,
    BelowMinQuantity,
    AboveMaxQuantity,
    /// <summary>Limit price must be &gt; 0 for LIMIT, STOP_LIMIT and TAKE_PROFIT.</summary>
    InvalidPrice,
    /// <summary>Stop price must be &gt; 0 for conditional orders.</summary>
    InvalidStopPrice,
    /// <summary>Price times quantity does not fit the 64-bit money range.</summary>
    NotionalTooLarge,
    /// <summary>Price times quantity is below <c>SymbolSpec.MinNotional</c>.</summary>
    BelowMinNotional,
    /// <summary>Limit price outside <c>SymbolSpec.PriceBandPpm</c> around the mark price (else last price).</summary>
    PriceOutOfBand,
    /// <summary>The user already has an open order with this client order id.</summary>
    DuplicateClientOrderId,
    /// <summary>The combination of type, time in force and flags is not supported (e.g. post-only MARKET, liquidation stop).</summary>
    InvalidOrderOptions,
    /// <summary>A conditional order whose trigger condition already holds at arrival.</summary>
    StopWouldTriggerImmediately,
    /// <summary>A MARKET order found no opposite liquidity at arrival.</summary>
    NoLiquidity,
    // --- cancel / amend ---
    /// <summary>No open order with this id (or this user and client order id).</summary>
    UnknownOrder,
    /// <summary>The order belongs to another user.</summary>
    NotOwner,
    /// <summary>Untriggered conditional orders cannot be amended (cancel and place again).</summary>
    OrderNotAmendable,
    // --- reasons an accepted order ends early ---
    /// <summary>Post-only order would have taken liquidity: expired.</summary>
    PostOnlyWouldTake,
    /// <summary>Fill-or-kill order could not fill completely: expired without trading.</summary>
    FokCannotFill,
    /// <summary>Remainder of an IOC, MARKET or liquidation order: expired.</summary>
    ImmediateOrCancelRemainder,
    /// <summary>MARKET order stopped at its protection bound: remainder expired.</summary>
    MarketProtection,
    /// <summary>Expired by self-trade prevention.</summary>
    SelfTradePrevention,
    /// <summary>Cancelled by the user.</summary>
    CanceledByUser,
    /// <summary>Cancelled by a cancel-all command.</summary>
    CanceledByCancelAll,
    /// <summary>Amended to a quantity at or below the filled quantity: the order is cancelled.</summary>
    AmendBelowFilled,
}
