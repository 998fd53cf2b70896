using System.ComponentModel.DataAnnotations;

namespace Trading.Client.Api.Push;

/// <summary>Settings of the WebSocket push endpoint <c>/ws</c> (section <c>Push</c>).</summary>
public sealed class PushOptions
{
    public const string Section = "Push";

    /// <summary>Serves /ws and runs the push feed (its own consumer group on the event topics).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between the server's heartbeat frames to every connection.</summary>
    [Range(1, 300)]
    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>Frames a connection may have waiting to be sent; one more and the connection is dropped as too slow.</summary>
    [Range(8, 1_000_000)]
    public int SendQueueCapacity { get; set; } = 4_096;

    /// <summary>Subscriptions one connection may hold at once.</summary>
    [Range(1, 10_000)]
    public int MaxSubscriptionsPerConnection { get; set; } = 64;

    /// <summary>Largest client message (UTF-8 bytes); larger ones are answered with an error and discarded.</summary>
    [Range(64, 1024 * 1024)]
    public int MaxClientMessageBytes { get; set; } = 4_096;

    /// <summary>Least time between two ticker pushes of one symbol; a trade or depth change marks the ticker due.</summary>
    [Range(50, 60_000)]
    public int TickerIntervalMs { get; set; } = 500;

    /// <summary>Depth updates held while a snapshot is being fetched; more and the snapshot is fetched again.</summary>
    [Range(16, 1_000_000)]
    public int DepthBufferLimit { get; set; } = 16_384;

    /// <summary>Pause before fetching a depth snapshot again after a failed fetch.</summary>
    [Range(10, 60_000)]
    public int SnapshotRetryMs { get; set; } = 500;

    /// <summary>How long a dropped or closing connection may take to send its close frame before it is aborted.</summary>
    [Range(10, 60_000)]
    public int CloseTimeoutMs { get; set; } = 1_000;
}
