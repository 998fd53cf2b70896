namespace Trading.Client.Api.Exchange;

/// <summary>
/// The book keys client order ids as 64-bit numbers; the API takes strings (1-36 of <c>[A-Za-z0-9._:-]</c>,
/// as Binance does). The gateway hashes them with FNV-1a; 0 is reserved for "none".
/// </summary>
public static class ClientOrderIds
{
    public const int MaxLength = 36;

    public static bool IsValid(string value)
    {
        if (value.Length is 0 or > MaxLength) return false;
        foreach (var c in value)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-')) return false;
        return true;
    }

    public static long Hash(string value)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in value)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        var id = (long)(hash & long.MaxValue);
        return id == 0 ? 1 : id;
    }
}
