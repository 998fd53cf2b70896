namespace Trading.Benchmarks.Mix50;

/// <summary>Something to do with an engine chosen by name; lets a name select a struct-generic instantiation.</summary>
public interface IMix50EngineAction
{
    /// <summary>Runs the action with <paramref name="engine"/>; returns a process exit code.</summary>
    int Invoke<TEngine>(TEngine engine)
        where TEngine : struct, IMix50Engine;
}
