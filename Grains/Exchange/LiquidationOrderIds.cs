namespace Trading.Grains.Exchange;

/// <summary>
/// Book ids of liquidation orders. Accounts number their liquidations -1, -2, ... per user; the book needs
/// positive ids unique across users. Gateway ids stay below 2^62, so liquidation ids set bit 62 and carry
/// the user id and the account's sequence: <c>2^62 | userId &lt;&lt; 24 | sequence</c>.
/// </summary>
public static class LiquidationOrderIds
{
    private const long Flag = 1L << 62;
    private const int SequenceBits = 24;
    private const long SequenceMask = (1L << SequenceBits) - 1;

    /// <summary>Largest user id the scheme can carry.</summary>
    public const long MaxUserId = (1L << (62 - SequenceBits)) - 1;

    public static bool IsLiquidation(long bookOrderId) => (bookOrderId & Flag) != 0;

    public static long ToBook(long userId, long accountOrderId)
    {
        if (userId is <= 0 or > MaxUserId) throw new ArgumentOutOfRangeException(nameof(userId));
        return Flag | (userId << SequenceBits) | (-accountOrderId & SequenceMask);
    }

    /// <summary>The id the account knows the order by: the book id itself, or -(sequence) for a liquidation.</summary>
    public static long ToAccount(long bookOrderId) => IsLiquidation(bookOrderId) ? -(bookOrderId & SequenceMask) : bookOrderId;
}
