using System.Globalization;
using System.Text;

namespace Trading.Runtime.Storage.ClickHouse;

/// <summary>Literals for statement text (ClickHouse 18.16 has no query parameters over HTTP).</summary>
public static class ClickHouseSql
{
    /// <summary>A quoted string literal: backslash and quote escaped, control characters as \xHH.</summary>
    public static string String(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '\'': sb.Append(@"\'"); break;
                default:
                    if (c < ' ') sb.Append(@"\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('\'').ToString();
    }

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A database or table name; only [A-Za-z0-9_] (validated in the options) so no quoting is needed.</summary>
    public static string Name(string name)
    {
        foreach (var c in name)
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
                throw new ArgumentException($"'{name}' is not a plain ClickHouse name.", nameof(name));
        return name;
    }
}
