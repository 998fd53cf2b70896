namespace Trading.Silo.ReadSide;

/// <summary>Exponential backoff between failed attempts: RetryInitialMs, doubled per failure, capped at RetryMaxMs.</summary>
public sealed class RetryBackoff(int retryInitialMs, int retryMaxMs)
{
    private int _failures;

    public int Failures => _failures;

    /// <summary>Records a failure and returns how long to wait before the next attempt.</summary>
    public TimeSpan Failed()
    {
        var exponent = Math.Min(_failures++, 20);
        var ms = Math.Min((long)retryMaxMs, (long)retryInitialMs << exponent);
        return TimeSpan.FromMilliseconds(ms);
    }

    public void Succeeded() => _failures = 0;
}
