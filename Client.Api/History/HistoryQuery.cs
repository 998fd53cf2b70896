using System.Globalization;
using System.Text.RegularExpressions;
using Trading.Client.Api.Exchange;
using Trading.Grains.MarketData;

namespace Trading.Client.Api.History;

/// <summary>Query parameters of the history endpoints, checked field by field (errors name the field).</summary>
public static partial class HistoryQuery
{
    /// <summary>Latest time accepted (9999-12-31T23:59:59.999Z), also the default of <c>to</c>.</summary>
    public const long MaxTimeMs = 253_402_300_799_999;

    public sealed record Klines(string Symbol, KlineInterval Interval, long? From, long To, int Limit);

    public sealed record Trades(string Symbol, long? From, long To, long? FromId, int Limit);

    public static Klines? ParseKlines(string symbol, string? interval, string? from, string? to, string? limit, FieldErrors errors)
    {
        CheckSymbol(symbol, errors);
        if (!KlineInterval.TryParse(interval, out var parsed))
            errors.Add("interval", $"one of {string.Join(", ", KlineInterval.All.Select(i => i.Name))}");
        var (fromMs, toMs) = Range(from, to, errors);
        var count = Limit(limit, 1500, errors);
        return errors.Any ? null : new Klines(symbol, parsed, fromMs, toMs, count);
    }

    public static Trades? ParseTrades(string? symbol, string? from, string? to, string? fromId, string? limit, FieldErrors errors)
    {
        CheckSymbol(symbol, errors);
        var (fromMs, toMs) = Range(from, to, errors);
        var id = Number("fromId", fromId, 1, long.MaxValue, errors);
        var count = Limit(limit, 1000, errors);
        return errors.Any ? null : new Trades(symbol!, fromMs, toMs, id, count);
    }

    private static void CheckSymbol(string? symbol, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(symbol)) errors.Add("symbol", "required");
        else if (!SymbolName().IsMatch(symbol)) errors.Add("symbol", "1-20 capital letters or digits");
    }

    private static (long? From, long To) Range(string? from, string? to, FieldErrors errors)
    {
        var fromMs = Number("from", from, 0, MaxTimeMs, errors);
        var toMs = Number("to", to, 0, MaxTimeMs, errors) ?? MaxTimeMs;
        if (fromMs > toMs && !errors.Has("to")) errors.Add("from", "must not be after to");
        return (fromMs, toMs);
    }

    private static int Limit(string? limit, int max, FieldErrors errors) =>
        (int)(Number("limit", limit, 1, max, errors) ?? Math.Min(500, max));

    private static long? Number(string field, string? text, long min, long max, FieldErrors errors)
    {
        if (text is null) return null;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(field, $"an integer in {min}-{max}");
            return null;
        }
        return value;
    }

    [GeneratedRegex("^[A-Z0-9]{1,20}$")]
    private static partial Regex SymbolName();
}
