using System.ComponentModel.DataAnnotations;
using Trading.Grains.Symbols;

namespace Trading.Grains.Interfaces.Exchange;

/// <summary>Settings of the exchange itself (section <c>Exchange</c>), shared by silo and gateway.</summary>
public sealed class ExchangeOptions
{
    public const string Section = "Exchange";

    /// <summary>Symbols created at start when the registry lacks them (existing ones are never overwritten).</summary>
    public List<SymbolDefinition> Symbols { get; set; } = new();

    /// <summary>
    /// Lets every user credit their own wallet through POST /api/account/deposit (a demo faucet; admins always
    /// may). Unset: on in the embedded mode only.
    /// </summary>
    public bool? Faucet { get; set; }

    /// <summary>Largest single faucet deposit, in the asset's units.</summary>
    [Range(0, 1_000_000_000)]
    public decimal FaucetMaxAmount { get; set; } = 100_000;

    /// <summary>Runs the demo market maker and traders in the silo (the <c>--demo</c> switch sets it).</summary>
    public bool Demo { get; set; }

    /// <summary>Node number (0-15) in the order ids this gateway assigns; distinct per gateway instance.</summary>
    [Range(0, 15)]
    public int GatewayNode { get; set; }

    /// <summary>How long a gateway trusts its copy of the symbol catalogue before asking again.</summary>
    [Range(100, 3_600_000)]
    public int SymbolCacheMs { get; set; } = 5_000;

    /// <summary>How stale the gateway's best prices (for margin reservation of market orders) may be.</summary>
    [Range(0, 60_000)]
    public int TickerCacheMs { get; set; } = 200;

    /// <summary>Levels per side of the depth view each book publishes on market_data.orderbooks.</summary>
    [Range(1, 1000)]
    public int DepthLevels { get; set; } = 100;

    /// <summary>How long the gateway waits for a book's ticker before pricing with the cached one.</summary>
    [Range(100, 60_000)]
    public int TickerAskTimeoutMs { get; set; } = 2_000;

    /// <summary>How long POST /api/orders?wait=true waits for the match result.</summary>
    [Range(100, 120_000)]
    public int WaitTimeoutMs { get; set; } = 10_000;
}
