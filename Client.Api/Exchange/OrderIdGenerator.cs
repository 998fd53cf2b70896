using Microsoft.Extensions.Options;
using Trading.Grains.Interfaces.Exchange;

namespace Trading.Client.Api.Exchange;

/// <summary>
/// Order ids assigned by the gateway: milliseconds since 2026-01-01 (41 bits), the gateway node (4 bits) and
/// a counter (7 bits), so ids grow with time, never repeat across gateways or restarts, and stay below 2^53:
/// exact in JavaScript numbers, and far from bit 62, which the book reserves for liquidation orders. Beyond
/// 128 orders in a millisecond the generator borrows the next millisecond.
/// </summary>
public sealed class OrderIdGenerator(TimeProvider clock, IOptions<ExchangeOptions> options)
{
    private static readonly long Epoch = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private const int CounterBits = 7;
    private const int NodeBits = 4;

    private readonly long _node = options.Value.GatewayNode;
    private readonly Lock _lock = new();
    private long _lastMs;
    private long _counter;

    public long Next()
    {
        lock (_lock)
        {
            var ms = Math.Max(clock.GetUtcNow().ToUnixTimeMilliseconds() - Epoch, 1);
            if (ms < _lastMs) ms = _lastMs; // the clock stepped back: keep counting in the last millisecond
            if (ms == _lastMs)
            {
                if (++_counter >> CounterBits != 0)
                {
                    ms = ++_lastMs; // counter exhausted: borrow the next millisecond
                    _counter = 0;
                }
            }
            else _counter = 0;
            _lastMs = ms;
            return (ms << (NodeBits + CounterBits)) | (_node << CounterBits) | _counter;
        }
    }
}
