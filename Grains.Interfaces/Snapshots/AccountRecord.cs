using System.Text.Json.Serialization;

namespace Trading.Grains.Interfaces.Snapshots;

/// <summary>One user's balances in <see cref="MatchEngineSnapshot.AccountSnapshots"/> (key: the user id).</summary>
public sealed record AccountRecord
{
    public long UserId { get; init; }
    public long UpdateTime { get; init; }
    /// <summary>Per asset (key: the asset).</summary>
    [JsonConverter(typeof(OrdinalMapConverter<BalanceRecord>))]
    public IReadOnlyDictionary<string, BalanceRecord> Balances { get; init; } = new Dictionary<string, BalanceRecord>();
}

/// <summary>
/// Balance of one asset, as the margin engine computes it: available = wallet - reservedForOrders - isolatedMargin -
/// cross initial margin + min(0, cross unrealized PnL); reservedForOrders and isolatedMargin are the frozen amounts.
/// </summary>
public sealed record BalanceRecord
{
    public string Asset { get; init; } = "";
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal WalletBalance { get; init; }
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal AvailableBalance { get; init; }
    /// <summary>Held for working orders (margin and fees, or spot amounts).</summary>
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal ReservedForOrders { get; init; }
    /// <summary>Allocated to isolated positions margined in this asset.</summary>
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal IsolatedMargin { get; init; }
    /// <summary>Sum of the unrealized PnL of the positions margined in this asset.</summary>
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal UnrealizedPnl { get; init; }
    /// <summary>walletBalance + unrealizedPnl.</summary>
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal MarginBalance { get; init; }
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal FeesPaid { get; init; }
    /// <summary>Losses of this account the insurance fund paid.</summary>
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal InsuranceFundCovered { get; init; }
}
