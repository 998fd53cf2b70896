namespace Trading.Client.Api.Operations;

/// <summary>
/// One alert as written to the risk-alerts topic (UTF-8 JSON, key = indicator): <c>FIRING</c> when an indicator went
/// above its threshold, <c>RESOLVED</c> when it came back; nothing while the state stays the same.
/// </summary>
public sealed record RiskAlert(string AlertId, string ClusterId, string Indicator, string State, decimal? Value, decimal Threshold, string Unit,
    string Message, long Timestamp, string Source)
{
    public const string Firing = "FIRING";
    public const string Resolved = "RESOLVED";
}
