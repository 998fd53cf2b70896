namespace Trading.Runtime.Streams;

/// <summary>
/// A log operation failed: a commit from a member that left the group, a broker error, a topic whose
/// metadata did not appear in time. Both log implementations throw this type for such failures.
/// </summary>
public sealed class MessageLogException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public MessageLogException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping the client's own error.</summary>
    public MessageLogException(string message, Exception inner) : base(message, inner) { }
}
