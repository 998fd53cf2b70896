using Trading.Runtime.Hosting;

namespace Trading.Silo.ReadSide;

/// <summary>
/// The lag statistic of a read-side consumer whose group has several members in this process (each owning some of
/// the partitions): every member's last measurement, summed into the consumer's <see cref="ConsumerCounters.Lag"/>.
/// A member that owns no partitions after a rebalance counts 0.
/// </summary>
public sealed class ReadSideLag(ConsumerCounters counters, int members)
{
    private readonly long[] _members = new long[members];

    public int Members => _members.Length;

    public void Report(int member, long lag)
    {
        Volatile.Write(ref _members[member], lag);
        long sum = 0;
        for (var i = 0; i < _members.Length; i++) sum += Volatile.Read(ref _members[i]);
        Interlocked.Exchange(ref counters.Lag, sum);
    }
}
