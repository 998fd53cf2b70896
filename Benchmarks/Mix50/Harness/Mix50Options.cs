using System.Globalization;

namespace Trading.Benchmarks.Mix50;

/// <summary>Command-line options of the mix50 suites.</summary>
public sealed record Mix50Options
{
    /// <summary>
    /// Engine name (see <see cref="Mix50Engines"/>), or several separated by commas: those are measured
    /// in the same process, alternating run by run, and their lines are prefixed with <c>NAME.</c>.
    /// </summary>
    public string Engine { get; init; } = "shadow";

    /// <summary>The engine names in <see cref="Engine"/>.</summary>
    public string[] EngineNames => Engine.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Stream parameters (<c>--warmup</c>, <c>--measured</c>, <c>--seed</c>).</summary>
    public Mix50Parameters Parameters { get; init; } = Mix50Parameters.Default;

    /// <summary>Throughput runs and, separately, latency runs (<c>--runs</c>).</summary>
    public int Runs { get; init; } = 5;

    /// <summary>Deep mode: orders pre-filled into the book (<c>--deep-orders</c>).</summary>
    public int DeepOrders { get; init; } = 1_000_000;

    /// <summary>Deep mode: price levels per side the fill is spread over (<c>--deep-levels</c>).</summary>
    public int DeepLevelsPerSide { get; init; } = 1_000;

    /// <summary>Parses <c>--name value</c> pairs; throws <see cref="ArgumentException"/> on bad input.</summary>
    public static Mix50Options Parse(IReadOnlyList<string> args)
    {
        var options = new Mix50Options();
        for (int i = 0; i < args.Count; i += 2)
        {
            string name = args[i];
            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"option {name} needs a value");
            }

            string value = args[i + 1];
            options = name switch
            {
                "--engine" => options with { Engine = value },
                "--warmup" => options with { Parameters = options.Parameters with { Warmup = NonNegative(name, value) } },
                "--measured" => options with { Parameters = options.Parameters with { Measured = Positive(name, value) } },
                "--seed" => options with { Parameters = options.Parameters with { Seed = ulong.Parse(value, CultureInfo.InvariantCulture) } },
                "--runs" => options with { Runs = Positive(name, value) },
                "--deep-orders" => options with { DeepOrders = Positive(name, value) },
                "--deep-levels" => options with { DeepLevelsPerSide = Positive(name, value) },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }

        return options;
    }

    private static int NonNegative(string name, string value)
    {
        int n = int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
        return n >= 0 ? n : throw new ArgumentException($"{name} must be >= 0");
    }

    private static int Positive(string name, string value)
    {
        int n = NonNegative(name, value);
        return n > 0 ? n : throw new ArgumentException($"{name} must be > 0");
    }
}
