namespace Trading.Grains.Symbols;

public enum ContractKind : byte
{
    /// <summary>USDT-margined perpetual future: positions, leverage, margin.</summary>
    UsdtPerpetual = 0,
    /// <summary>Spot pair: no leverage, no positions; balances move directly.</summary>
    Spot = 1,
}
