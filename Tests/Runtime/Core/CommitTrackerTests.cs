using Trading.Runtime.Hosting;

namespace Trading.Tests.Runtime.Core;

public sealed class CommitTrackerTests
{
    [Fact]
    public void Frontier_waits_for_the_oldest_input_with_unacknowledged_outputs()
    {
        var tracker = new CommitTracker(startOffset: 100);
        Assert.Equal(100, tracker.Frontier());

        var first = tracker.Processed(100, outputs: 2)!;
        Assert.Null(tracker.Processed(101, outputs: 0));
        var third = tracker.Processed(102, outputs: 1)!;
        Assert.Equal(100, tracker.Frontier());

        third.Ack();
        Assert.Equal(100, tracker.Frontier()); // 100 still has one output in flight
        first.Ack();
        Assert.Equal(100, tracker.Frontier());
        first.Ack();
        Assert.Equal(103, tracker.Frontier());
        Assert.Equal(0, tracker.InFlightInputs);
    }
}
