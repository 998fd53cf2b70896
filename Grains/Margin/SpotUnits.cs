using Trading.Grains.Symbols;

namespace Trading.Grains.Margin;

/// <summary>Conversion of spot lots into money units of the base asset.</summary>
public static class SpotUnits
{
    /// <summary>Base-asset money units in one lot: stepSize * 1e8, which must be a whole number.</summary>
    public static long BaseUnitsPerLot(SymbolSpec spec)
    {
        var units = spec.StepSize * Money.Scale;
        if (units < 1 || units != decimal.Truncate(units))
            throw new ArgumentException($"{spec.Symbol}: stepSize {spec.StepSize} is not a whole multiple of 1e-8.", nameof(spec));
        return (long)units;
    }

    /// <summary>True when <see cref="BaseUnitsPerLot"/> is defined for the spec.</summary>
    public static bool IsRepresentable(SymbolSpec spec)
    {
        var units = spec.StepSize * Money.Scale;
        return units >= 1 && units == decimal.Truncate(units);
    }
}
