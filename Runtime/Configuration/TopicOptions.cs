using System.ComponentModel.DataAnnotations;

namespace Trading.Runtime.Configuration;

/// <summary>Every topic name the platform uses; all of them come from configuration.</summary>
public sealed class TopicOptions
{
    public const string Section = "Topics";

    [Required] public string OrdersRequests { get; set; } = "orders.requests";
    [Required] public string OrdersCommands { get; set; } = "orders.commands";
    [Required] public string MatchResults { get; set; } = "match-results";
    [Required] public string PositionsFills { get; set; } = "positions.fills";
    [Required] public string Positions { get; set; } = "positions";
    /// <summary>Input of the symbol registry grain (admin changes to symbol rules).</summary>
    [Required] public string SymbolCommands { get; set; } = "symbols.commands";
    [Required] public string Snapshots { get; set; } = "snapshots";
    /// <summary>Input of the snapshot coordinator grain (requests and part reports).</summary>
    [Required] public string SnapshotCommands { get; set; } = "snapshots.commands";
    [Required] public string MarketDataTicks { get; set; } = "market_data.ticks";
    [Required] public string MarketDataKlines { get; set; } = "market_data.klines";
    [Required] public string MarketDataOrderBooks { get; set; } = "market_data.orderbooks";
    [Required] public string MarketDataTrades { get; set; } = "market_data.trades";
    [Required] public string RiskAlerts { get; set; } = "risk.alerts";

    /// <summary>Partitions per topic for the embedded in-memory log (the broker's own setting governs Kafka).</summary>
    [Range(1, 1024)]
    public int Partitions { get; set; } = 12;

    public IReadOnlyList<(string Name, string Topic)> All() =>
    [
        (nameof(OrdersRequests), OrdersRequests), (nameof(OrdersCommands), OrdersCommands),
        (nameof(MatchResults), MatchResults), (nameof(PositionsFills), PositionsFills),
        (nameof(Positions), Positions), (nameof(SymbolCommands), SymbolCommands), (nameof(Snapshots), Snapshots),
        (nameof(SnapshotCommands), SnapshotCommands),
        (nameof(MarketDataTicks), MarketDataTicks), (nameof(MarketDataKlines), MarketDataKlines),
        (nameof(MarketDataOrderBooks), MarketDataOrderBooks), (nameof(MarketDataTrades), MarketDataTrades),
        (nameof(RiskAlerts), RiskAlerts),
    ];
}
