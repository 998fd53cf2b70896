namespace Trading.Benchmarks.Mix50;

/// <summary>Runs one <see cref="Mix50Step"/> of a <see cref="Mix50Measurement"/> with the engine selected by name.</summary>
public readonly struct Mix50StepAction : IMix50EngineAction
{
    private readonly Mix50Measurement _measurement;
    private readonly Mix50Step _step;
    private readonly int _run;

    /// <summary>Creates the action for <paramref name="step"/> (and run number <paramref name="run"/>).</summary>
    public Mix50StepAction(Mix50Measurement measurement, Mix50Step step, int run)
    {
        _measurement = measurement;
        _step = step;
        _run = run;
    }

    /// <inheritdoc />
    public int Invoke<TEngine>(TEngine engine)
        where TEngine : struct, IMix50Engine
    {
        switch (_step)
        {
            case Mix50Step.Verify:
                _measurement.Verify(engine);
                break;
            case Mix50Step.Throughput:
                _measurement.Throughput(engine, _run);
                break;
            case Mix50Step.Latency:
                _measurement.Latency(engine, _run);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(_step));
        }

        return 0;
    }
}
