namespace Trading.Runtime.Grains;

/// <summary>Identity of a grain: its type name and key, e.g. <c>OrderBook/BTCUSDT</c> or <c>Position/42</c>.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
