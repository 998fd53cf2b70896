using System.Text.Json.Serialization;
using Trading.Grains.Margin;

namespace Trading.Grains.Interfaces.Snapshots;

/// <summary>
/// One position in <see cref="MatchEngineSnapshot.PositionSnapshots"/> (key <c>{userId}_{symbol}</c>), flat ones
/// included (they keep leverage and mode). Values are the margin engine's own (Account's position snapshot):
/// unrealized PnL at <see cref="MarkPrice"/>, margin = isolated margin or cross initial margin.
/// </summary>
public sealed record PositionRecord
{
    public long UserId { get; init; }
    public string Symbol { get; init; } = "";
    public string BaseCurrency { get; init; } = "";
    /// <summary>The quote asset, also the margin asset.</summary>
    public string QuoteCurrency { get; init; } = "";
    public PositionSide Side { get; init; }
    public PositionMode PositionMode { get; init; }
    /// <summary>Absolute quantity (the side gives the sign).</summary>
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal Quantity { get; init; }
    /// <summary>Average entry price, rounded to the tick (display).</summary>
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal AveragePrice { get; init; }
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal UnrealizedPnl { get; init; }
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal RealizedPnl { get; init; }
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal Margin { get; init; }
    /// <summary>Maintenance margin / margin balance, as a fraction (0.044 = 4.4 %), rounded up to 1e-6.</summary>
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal RiskRatio { get; init; }
    public int Leverage { get; init; }
    /// <summary>0 when the position cannot be liquidated (or is flat).</summary>
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal LiquidationPrice { get; init; }
    public PositionStatus Status { get; init; }
    /// <summary>Quantity locked by pending reducing orders (the sum of the position's locks).</summary>
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal LockedQuantity { get; init; }
    /// <summary>quantity - lockedQuantity.</summary>
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal AvailableQuantity { get; init; }
    public LockStatus LockStatus { get; init; }
    public long CreateTime { get; init; }
    public long UpdateTime { get; init; }
    /// <summary>Last mark price the position was valued at (0 unknown).</summary>
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal MarkPrice { get; init; }
    [JsonNumberHandling(SnapshotJson.DecimalText)] public decimal MaintenanceMargin { get; init; }

    /// <summary>The map key of a position: <c>{userId}_{symbol}</c>.</summary>
    public static string KeyOf(long userId, string symbol) => string.Concat(userId.ToString(System.Globalization.CultureInfo.InvariantCulture), "_", symbol);
}
