using Trading.Client.Api.Push.Connections;

namespace Trading.Client.Api.Push.Fanout;

/// <summary>
/// The connections subscribed to one channel. Membership changes copy the array (rare); a broadcast reads it
/// without a lock and hands the same frame bytes to every member's queue, never waiting for any of them.
/// </summary>
public sealed class SubscriberSet
{
    private readonly Lock _gate = new();
    private PushConnection[] _members = [];

    public int Count => Volatile.Read(ref _members).Length;

    /// <summary>Adds the connection; false when it was already a member.</summary>
    public bool Add(PushConnection connection)
    {
        lock (_gate)
        {
            var current = _members;
            if (Array.IndexOf(current, connection) >= 0) return false;
            var next = new PushConnection[current.Length + 1];
            Array.Copy(current, next, current.Length);
            next[^1] = connection;
            Volatile.Write(ref _members, next);
            return true;
        }
    }

    public bool Remove(PushConnection connection)
    {
        lock (_gate)
        {
            var current = _members;
            var index = Array.IndexOf(current, connection);
            if (index < 0) return false;
            var next = new PushConnection[current.Length - 1];
            Array.Copy(current, 0, next, 0, index);
            Array.Copy(current, index + 1, next, index, current.Length - index - 1);
            Volatile.Write(ref _members, next);
            return true;
        }
    }

    public void Broadcast(byte[] frame)
    {
        var members = Volatile.Read(ref _members);
        for (var i = 0; i < members.Length; i++) members[i].Send(frame);
    }
}
