namespace Trading.Grains.Margin;

/// <summary>Wallet of one asset on an account, with the counters the account keeps for it.</summary>
internal sealed class AssetBalance
{
    public AssetBalance(string asset) => Asset = asset;

    public string Asset { get; }
    /// <summary>Deposits - withdrawals + realized PnL - fees (+ insurance cover); includes isolated margin allocations.</summary>
    public long Wallet { get; set; }
    /// <summary>Fees paid in this asset (rebates negative), for conservation audits.</summary>
    public long FeesPaid { get; set; }
    /// <summary>Losses beyond margin paid by the insurance fund on liquidation fills (placeholder counter: the fund itself is not modelled).</summary>
    public long InsuranceFundCovered { get; set; }
}
