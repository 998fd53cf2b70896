using System.Text;

namespace Trading.Grains.Interfaces.Exchange;

/// <summary>Enum names as the API shows them: <c>InsufficientBalance</c> becomes <c>INSUFFICIENT_BALANCE</c>.</summary>
public static class ReasonCodes
{
    /// <summary>The code of a reason enum; null for its zero value (no reason).</summary>
    public static string? Of<TReason>(TReason reason) where TReason : struct, Enum =>
        Convert.ToInt64(reason, System.Globalization.CultureInfo.InvariantCulture) == 0 ? null : Screaming(reason.ToString());

    public static string Screaming(string pascalCase)
    {
        var code = new StringBuilder(pascalCase.Length + 8);
        for (var i = 0; i < pascalCase.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascalCase[i])) code.Append('_');
            code.Append(char.ToUpperInvariant(pascalCase[i]));
        }
        return code.ToString();
    }
}
