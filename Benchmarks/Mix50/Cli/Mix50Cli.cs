namespace Trading.Benchmarks.Mix50;

/// <summary>
/// Entry point of the <c>mix50</c> and <c>mix50-deep</c> suites: parses options, generates the
/// stream before any timing, checks the published stream hash, runs the chosen engine, prints
/// <c>name: value</c> lines to stdout (progress goes to stderr). Exit codes: 0 ok, 1 usage,
/// 2 engine results differ from the shadow book, 3 generated stream differs from the document.
/// </summary>
public static class Mix50Cli
{
    /// <summary>Runs the suite; <paramref name="deep"/> selects <c>mix50-deep</c>.</summary>
    public static int Run(string[] args, bool deep)
    {
        Mix50Options options;
        try
        {
            options = Mix50Options.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(
                "options: --engine NAME (" + string.Join(", ", Mix50Engines.Names) + ") --warmup N --measured N --runs N --seed N"
                + " [--deep-orders N --deep-levels N]");
            return 1;
        }

        Console.Error.WriteLine($"mix50: generating {options.Parameters.Total} commands (seed {options.Parameters.Seed})");
        Mix50Stream stream = Mix50Generator.Generate(options.Parameters);
        if (options.Parameters == Mix50Parameters.Default && stream.StreamHash != Mix50StreamHash.DefaultStreamHash)
        {
            Console.Error.WriteLine(
                $"STREAM MISMATCH: generated stream hash 0x{stream.StreamHash:X16}, the workload document says 0x{Mix50StreamHash.DefaultStreamHash:X16}");
            return 3;
        }

        var action = new Mix50CliAction(options, stream, deep, new Mix50Output(Console.Out));
        if (!Mix50Engines.TryDispatch(options.Engine, action, out int exitCode))
        {
            Console.Error.WriteLine($"unknown engine '{options.Engine}'; known: {string.Join(", ", Mix50Engines.Names)}");
            return 1;
        }

        return exitCode;
    }
}
