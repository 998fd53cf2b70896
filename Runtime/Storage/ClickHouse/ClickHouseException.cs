namespace Trading.Runtime.Storage.ClickHouse;

/// <summary>ClickHouse refused a statement or could not be reached; <see cref="Unreachable"/> tells the two apart.</summary>
public sealed class ClickHouseException(string message, bool unreachable, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when no answer came (connection refused, reset, timeout): the statement may or may not have run.</summary>
    public bool Unreachable { get; } = unreachable;
}
