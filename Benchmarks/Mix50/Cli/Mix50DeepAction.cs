namespace Trading.Benchmarks.Mix50;

/// <summary>Runs the verification pass and the deep-book mode for the engine selected by name.</summary>
public readonly struct Mix50DeepAction : IMix50EngineAction
{
    private readonly string _engineName;
    private readonly Mix50Stream _stream;
    private readonly Mix50Command[] _fill;
    private readonly int _runs;
    private readonly Mix50Output _output;

    /// <summary>Creates the action.</summary>
    public Mix50DeepAction(string engineName, Mix50Stream stream, Mix50Command[] fill, int runs, Mix50Output output)
    {
        _engineName = engineName;
        _stream = stream;
        _fill = fill;
        _runs = runs;
        _output = output;
    }

    /// <inheritdoc />
    public int Invoke<TEngine>(TEngine engine)
        where TEngine : struct, IMix50Engine
    {
        Mix50Outcome outcome = new Mix50Measurement(_engineName, _stream, runs: 1).Verify(engine);
        Mix50DeepReport report = Mix50DeepBenchmark.Measure(engine, _engineName, _stream, _fill, _runs);
        _output.Verification(_stream.StreamHash, outcome);
        report.Print(_output);
        return 0;
    }
}
