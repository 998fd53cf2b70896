using System.Globalization;
using System.Text.Json;

namespace Trading.Tests.ReadSide.Push;

/// <summary>
/// What a WebSocket client keeps of the depth channel, written independently of the gateway's code: a snapshot
/// replaces the book; an update must continue the chain (the first after a snapshot with sequence S has
/// previousSequence &lt;= S &lt; sequence, later ones previousSequence = the last sequence), else it records a gap.
/// </summary>
internal sealed class ClientDepthBook
{
    private readonly SortedDictionary<decimal, decimal> _bids = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<decimal, decimal> _asks = new();
    private bool _afterSnapshot;

    public long Sequence { get; private set; } = -1;
    public int Snapshots { get; private set; }
    public int Updates { get; private set; }
    public List<string> Gaps { get; } = new();

    public void Apply(JsonElement frame)
    {
        var sequence = frame.GetProperty("sequence").GetInt64();
        if (frame.GetProperty("type").GetString() == "snapshot")
        {
            _bids.Clear();
            _asks.Clear();
            Snapshots++;
            _afterSnapshot = true;
        }
        else
        {
            var previous = frame.GetProperty("previousSequence").GetInt64();
            var chained = _afterSnapshot ? previous <= Sequence && sequence > Sequence : previous == Sequence;
            if (Sequence < 0 || !chained) Gaps.Add($"{previous}->{sequence} after {Sequence}");
            _afterSnapshot = false;
            Updates++;
        }
        Set(_bids, frame.GetProperty("bids"));
        Set(_asks, frame.GetProperty("asks"));
        Sequence = sequence;
    }

    /// <summary>The book as "price:qty" lines, best first, bids then asks, in the same form as <see cref="Render(JsonElement)"/>.</summary>
    public string Render() => Render(_bids) + "|" + Render(_asks);

    /// <summary>The REST depth (GET /api/orderbook) in the same form.</summary>
    public static string Render(JsonElement rest)
    {
        var bids = new SortedDictionary<decimal, decimal>(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
        var asks = new SortedDictionary<decimal, decimal>();
        Set(bids, rest.GetProperty("bids"));
        Set(asks, rest.GetProperty("asks"));
        return Render(bids) + "|" + Render(asks);
    }

    private static void Set(SortedDictionary<decimal, decimal> side, JsonElement levels)
    {
        foreach (var level in levels.EnumerateArray())
        {
            var price = decimal.Parse(level[0].GetString()!, CultureInfo.InvariantCulture);
            var qty = decimal.Parse(level[1].GetString()!, CultureInfo.InvariantCulture);
            if (qty == 0) side.Remove(price);
            else side[price] = qty;
        }
    }

    private static string Render(SortedDictionary<decimal, decimal> side) =>
        string.Join(",", side.Select(kv => $"{kv.Key.ToString(CultureInfo.InvariantCulture)}:{kv.Value.ToString(CultureInfo.InvariantCulture)}"));
}
