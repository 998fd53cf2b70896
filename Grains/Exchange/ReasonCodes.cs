using System.Text;

namespace Trading.Grains.Exchange;

/// <summary>Reason enums as the API shows them: <c>InsufficientBalance</c> becomes <c>INSUFFICIENT_BALANCE</c>.</summary>
public static class ReasonCodes
{
    public static string? Of<TReason>(TReason reason) where TReason : struct, Enum
    {
        if (Convert.ToInt64(reason, System.Globalization.CultureInfo.InvariantCulture) == 0) return null;
        var name = reason.ToString();
        var code = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) code.Append('_');
            code.Append(char.ToUpperInvariant(name[i]));
        }
        return code.ToString();
    }
}
