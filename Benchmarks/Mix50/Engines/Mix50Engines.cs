namespace Trading.Benchmarks.Mix50;

/// <summary>
/// The engines selectable with <c>--engine NAME</c>. To add an engine, add one case here that
/// passes a new instance of its <see cref="IMix50Engine"/> struct to the action.
/// </summary>
public static class Mix50Engines
{
    /// <summary>Names accepted by <see cref="TryDispatch"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["shadow", "book"];

    /// <summary>Runs <paramref name="action"/> with the engine called <paramref name="name"/>; false if unknown.</summary>
    public static bool TryDispatch<TAction>(string name, TAction action, out int exitCode)
        where TAction : IMix50EngineAction
    {
        switch (name)
        {
            case "shadow":
                exitCode = action.Invoke(new ShadowBookEngine());
                return true;
            case "book":
                exitCode = action.Invoke(new OrderBookEngine());
                return true;
            default:
                exitCode = 1;
                return false;
        }
    }
}
