namespace Trading.Benchmarks.Mix50;

/// <summary>
/// Entry point of the <c>mix50</c> and <c>mix50-deep</c> suites: parses options, generates the
/// stream before any timing, checks the published stream hash, runs the chosen engine(s), prints
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
                "options: --engine NAME[,NAME...] (known: " + string.Join(", ", Mix50Engines.Names) + ")"
                + " --warmup N --measured N --runs N --seed N [--deep-orders N --deep-levels N]");
            return 1;
        }

        foreach (string name in options.EngineNames)
        {
            if (!Mix50Engines.Names.Contains(name))
            {
                Console.Error.WriteLine($"unknown engine '{name}'; known: {string.Join(", ", Mix50Engines.Names)}");
                return 1;
            }
        }

        Console.Error.WriteLine($"mix50: generating {options.Parameters.Total} commands (seed {options.Parameters.Seed})");
        Mix50Stream stream = Mix50Generator.Generate(options.Parameters);
        if (options.Parameters == Mix50Parameters.Default && stream.StreamHash != Mix50StreamHash.DefaultStreamHash)
        {
            Console.Error.WriteLine(
                $"STREAM MISMATCH: generated stream hash 0x{stream.StreamHash:X16}, the workload document says 0x{Mix50StreamHash.DefaultStreamHash:X16}");
            return 3;
        }

        return Execute(options, stream, deep, Console.Out);
    }

    /// <summary>Measures every engine of <paramref name="options"/> on a generated stream; returns the exit code.</summary>
    public static int Execute(Mix50Options options, Mix50Stream stream, bool deep, TextWriter output)
    {
        string[] names = options.EngineNames;
        try
        {
            if (deep)
            {
                Console.Error.WriteLine(
                    $"mix50-deep: building {options.DeepOrders} resting orders over {options.DeepLevelsPerSide} levels per side");
                Mix50Command[] fill = Mix50DeepBook.Build(stream, options.DeepOrders, options.DeepLevelsPerSide);
                foreach (string name in names)
                {
                    Dispatch(name, new Mix50DeepAction(name, stream, fill, options.Runs, OutputFor(output, names, name)));
                }

                return 0;
            }

            var measurements = new Mix50Measurement[names.Length];
            for (int e = 0; e < names.Length; e++)
            {
                measurements[e] = new Mix50Measurement(names[e], stream, options.Runs);
                Dispatch(names[e], new Mix50StepAction(measurements[e], Mix50Step.Verify, 0));
            }

            // Engines alternate run by run, so drift of the machine's speed hits them alike.
            foreach (Mix50Step step in new[] { Mix50Step.Throughput, Mix50Step.Latency })
            {
                for (int run = 0; run < options.Runs; run++)
                {
                    for (int e = 0; e < names.Length; e++)
                    {
                        Dispatch(names[e], new Mix50StepAction(measurements[e], step, run));
                    }
                }
            }

            foreach (Mix50Measurement m in measurements)
            {
                m.ToReport().Print(OutputFor(output, names, m.EngineName));
            }

            return 0;
        }
        catch (Mix50BenchmarkFailedException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }

    private static Mix50Output OutputFor(TextWriter output, string[] names, string name) =>
        new(output, names.Length > 1 ? name + "." : string.Empty);

    private static void Dispatch<TAction>(string name, TAction action)
        where TAction : IMix50EngineAction
    {
        if (!Mix50Engines.TryDispatch(name, action, out _))
        {
            throw new ArgumentException($"unknown engine '{name}'", nameof(name));
        }
    }
}
