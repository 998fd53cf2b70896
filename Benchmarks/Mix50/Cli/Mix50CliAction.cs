namespace Trading.Benchmarks.Mix50;

/// <summary>Runs the normal or deep suite for the engine <see cref="Mix50Engines"/> selected by name.</summary>
public readonly struct Mix50CliAction : IMix50EngineAction
{
    private readonly Mix50Options _options;
    private readonly Mix50Stream _stream;
    private readonly bool _deep;
    private readonly Mix50Output _output;

    /// <summary>Creates the action.</summary>
    public Mix50CliAction(Mix50Options options, Mix50Stream stream, bool deep, Mix50Output output)
    {
        _options = options;
        _stream = stream;
        _deep = deep;
        _output = output;
    }

    /// <inheritdoc />
    public int Invoke<TEngine>(TEngine engine)
        where TEngine : struct, IMix50Engine
    {
        try
        {
            if (!_deep)
            {
                Mix50Benchmark.Measure(engine, _options.Engine, _stream, _options.Runs).Print(_output);
                return 0;
            }

            Mix50Outcome outcome = Mix50Runner.Verify(ref engine, _stream);
            string? failure = Mix50Verification.Describe(_options.Engine, _stream.Expected, outcome);
            if (failure is not null)
            {
                throw new Mix50BenchmarkFailedException(failure);
            }

            _output.Verification(_stream.StreamHash, outcome);
            Console.Error.WriteLine($"mix50-deep: building {_options.DeepOrders} resting orders over {_options.DeepLevelsPerSide} levels per side");
            Mix50Command[] fill = Mix50DeepBook.Build(_stream, _options.DeepOrders, _options.DeepLevelsPerSide);
            Mix50DeepBenchmark.Measure(engine, _options.Engine, _stream, fill, _options.Runs).Print(_output);
            return 0;
        }
        catch (Mix50BenchmarkFailedException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }
}
