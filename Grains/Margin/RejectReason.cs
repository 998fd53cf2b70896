namespace Trading.Grains.Margin;

/// <summary>Why the account refused a request. <see cref="None"/> means accepted.</summary>
public enum RejectReason : byte
{
    /// <summary>Accepted.</summary>
    None = 0,
    /// <summary>Order ids must be positive (negative ids are reserved for liquidation orders).</summary>
    InvalidOrderId,
    /// <summary>An order with this id is already open on the account.</summary>
    DuplicateOrderId,
    /// <summary>The symbol spec is invalid or of an unsupported kind.</summary>
    InvalidSymbol,
    /// <summary>Quantity outside [minQty, maxQty].</summary>
    InvalidQuantity,
    /// <summary>Price (limit or worst price) must be positive.</summary>
    InvalidPrice,
    /// <summary>Notional below the symbol's minimum.</summary>
    NotionalTooSmall,
    /// <summary>Amount must be positive.</summary>
    InvalidAmount,
    /// <summary>Not enough available balance for initial margin plus fee (or for the spot reservation, or the withdrawal).</summary>
    InsufficientBalance,
    /// <summary>A reduce-only order with no position to reduce.</summary>
    NoPositionToReduce,
    /// <summary>A reduce-only order on the same side as the position (it would increase it).</summary>
    ReduceOnlyWrongSide,
    /// <summary>A reduce-only order for more than the unlocked position quantity (it could flip the position).</summary>
    InsufficientUnlockedQuantity,
    /// <summary>Reduce-only orders do not exist on spot symbols.</summary>
    ReduceOnlyNotSupported,
    /// <summary>The position is being liquidated.</summary>
    PositionLiquidating,
    /// <summary>Leverage outside 1..symbol maximum.</summary>
    InvalidLeverage,
    /// <summary>The notional (position + open orders + this order) is beyond what the leverage's bracket allows.</summary>
    LeverageExceedsBracket,
    /// <summary>The notional is beyond the last maintenance bracket.</summary>
    NotionalExceedsMaxBracket,
    /// <summary>Lowering leverage would need more margin than is available.</summary>
    InsufficientMarginForLeverage,
    /// <summary>Position mode can change only with no position and no open orders on the symbol.</summary>
    PositionOrOrdersExist,
    /// <summary>Leverage and position mode apply to perpetuals only.</summary>
    NotAPerpetual,
    /// <summary>The symbol is unknown to the account.</summary>
    UnknownSymbol,
}
