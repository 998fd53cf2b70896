namespace Trading.Client.Api.Push.Fanout;

/// <summary>The private channels of one user.</summary>
public sealed class UserFeeds
{
    public SubscriberSet Orders { get; } = new();
    public SubscriberSet Positions { get; } = new();
    public SubscriberSet Account { get; } = new();

    public bool IsEmpty => Orders.Count == 0 && Positions.Count == 0 && Account.Count == 0;
}
