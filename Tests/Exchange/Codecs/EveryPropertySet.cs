using System.Collections;
using System.Reflection;

namespace Trading.Tests.Exchange.Codecs;

/// <summary>
/// Builds an instance of a message type by reflection, through its widest constructor and then every public
/// setter, so that a property added to a message later gets a value here without anyone touching the tests. In
/// the default mode every value is non-default and distinct (a codec that drops or swaps a field shows); with a
/// <see cref="Random"/> values also include defaults, extremes, nulls where the property is nullable, and lists, arrays
/// and dictionaries of 0-3 elements. An unknown property type throws, asking for this class to learn it.
/// </summary>
internal sealed class EveryPropertySet
{
    private static readonly decimal[] RandomDecimals = [0m, 0.10m, 1.000m, 0.00000001m, 123456.789000m, -0.5m];
    private static readonly string[] RandomStrings = ["", "a", "BTCUSDT", "€ \"quoted\" \\ \U0001F680", "\0"];

    private readonly NullabilityInfoContext _nullability = new();
    private readonly Random? _random;
    private long _counter;

    private EveryPropertySet(Random? random) => _random = random;

    /// <summary>Every property and constructor argument non-default, none equal to another of its type.</summary>
    public static object NonDefault(Type type) => new EveryPropertySet(null).Build(type);

    public static object Random(Type type, Random random) => new EveryPropertySet(random).Build(type);

    /// <summary>The path of the first null or default value reachable through public properties, or null when there is none.</summary>
    public static string? FirstDefault(object value, string path)
    {
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0) continue;
            var at = $"{path}.{property.Name}";
            var v = property.GetValue(value);
            if (v is null) return at;
            var type = v.GetType();
            if (type.IsValueType && v.Equals(Activator.CreateInstance(type))) return at;
            if (v is string) continue;
            if (v is IEnumerable items)
            {
                var index = 0;
                foreach (var item in items)
                    if (FirstDefault(item, $"{at}[{index++}]") is { } inner) return inner;
                if (index == 0) return $"{at} (empty)";
            }
            else if (type.Namespace?.StartsWith("Trading", StringComparison.Ordinal) == true && !type.IsEnum && FirstDefault(v, at) is { } nested)
            {
                return nested;
            }
        }
        return null;
    }

    private object Build(Type type)
    {
        var constructor = type.GetConstructors()
            .Where(c => c.GetParameters() is not [{ } only] || only.ParameterType != type)
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault();
        var parameters = constructor?.GetParameters() ?? [];
        var instance = constructor is null
            ? Activator.CreateInstance(type)!
            : constructor.Invoke(parameters.Select(p => Value(p.ParameterType, _nullability.Create(p))).ToArray());
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true }) continue;
            if (parameters.Any(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase))) continue;
            property.SetValue(instance, Value(property.PropertyType, _nullability.Create(property)));
        }
        return instance;
    }

    private object? Value(Type type, NullabilityInfo nullability)
    {
        var n = ++_counter;
        if (_random is not null && MayBeNull(type, nullability) && _random.Next(4) == 0) return null;
        if (Nullable.GetUnderlyingType(type) is { } underlying) return Value(underlying, nullability);
        if (type == typeof(long)) return _random is null ? DistinctLong(n) : RandomLong(_random);
        if (type == typeof(int)) return _random is null ? DistinctInt(n) : (int)Math.Clamp(RandomLong(_random), int.MinValue, int.MaxValue);
        if (type == typeof(bool)) return _random is null || _random.Next(2) == 0;
        if (type == typeof(string)) return _random is null ? $"s{n}-€\"\\" : RandomStrings[_random.Next(RandomStrings.Length)];
        if (type == typeof(decimal)) return _random is null ? n + (n % 2 == 0 ? 0.10m : 0.00100m) : RandomDecimals[_random.Next(RandomDecimals.Length)];
        if (type.IsEnum) return EnumValue(type, n);
        if (type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)))
        {
            var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
            var elementNullability = type.IsArray ? nullability.ElementType! : nullability.GenericTypeArguments[0];
            var items = Array.CreateInstance(element, Count());
            for (var i = 0; i < items.Length; i++) items.SetValue(Value(element, elementNullability), i);
            return items;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            var list = (IList)Activator.CreateInstance(type)!;
            for (var i = Count(); i > 0; i--) list.Add(Value(type.GetGenericArguments()[0], nullability.GenericTypeArguments[0]));
            return list;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            // Keys come from the same generator; a random one may repeat, which leaves fewer entries.
            var map = (IDictionary)Activator.CreateInstance(type)!;
            var arguments = type.GetGenericArguments();
            for (var i = Count(); i > 0; i--)
                map[Value(arguments[0], nullability.GenericTypeArguments[0])!] = Value(arguments[1], nullability.GenericTypeArguments[1]);
            return map;
        }
        if (type.Namespace?.StartsWith("Trading", StringComparison.Ordinal) == true) return Build(type);
        throw new NotSupportedException($"{nameof(EveryPropertySet)} has no values of {type}: teach it the type.");
    }

    /// <summary>Elements of a collection: two (so that order shows) or, at random, 0-3.</summary>
    private int Count() => _random is null ? 2 : _random.Next(4);

    private static bool MayBeNull(Type type, NullabilityInfo nullability) =>
        Nullable.GetUnderlyingType(type) is not null || (!type.IsValueType && nullability.WriteState == NullabilityState.Nullable)
        || (!type.IsValueType && nullability.ReadState == NullabilityState.Nullable);

    private object EnumValue(Type type, long n)
    {
        var values = Enum.GetValuesAsUnderlyingType(type).Cast<object>().Select(v => Enum.ToObject(type, v)).ToArray();
        if (_random is not null) return values[_random.Next(values.Length)];
        var nonDefault = values.Where(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) != 0).ToArray();
        return nonDefault[n % nonDefault.Length];
    }

    private static long DistinctLong(long n) => (n % 4) switch
    {
        0 => long.MinValue + n,
        1 => long.MaxValue - n,
        2 => -n * 1_000_003,
        _ => n * 7_919,
    };

    private static int DistinctInt(long n) => (n % 3) switch
    {
        0 => int.MinValue + (int)n,
        1 => int.MaxValue - (int)n,
        _ => -(int)n * 31,
    };

    private static long RandomLong(Random random) => random.Next(7) switch
    {
        0 => 0,
        1 => 1,
        2 => -1,
        3 => long.MinValue,
        4 => long.MaxValue,
        5 => random.Next(-1000, 1000),
        _ => random.NextInt64(long.MinValue, long.MaxValue),
    };
}
