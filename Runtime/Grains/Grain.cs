namespace Trading.Runtime.Grains;

/// <summary>
/// Base class of every grain: one activation per key, turns are single-threaded, handling is
/// deterministic (time and ids come from the input). Derive from <see cref="Grain{TState}"/> for
/// persistent state.
/// </summary>
public abstract class Grain
{
    private GrainActivationContext? _activation;

    /// <summary>The grain's identity (type and key).</summary>
    public GrainId GrainId => Activation.GrainId;

    /// <summary>The grain's key as a string.</summary>
    public string Key => GrainId.Key;

    /// <summary>The grain's key as an integer, for integer-keyed grains.</summary>
    public long KeyAsLong => long.Parse(GrainId.Key, System.Globalization.CultureInfo.InvariantCulture);

    internal GrainActivationContext Activation =>
        _activation ?? throw new InvalidOperationException("The grain is not activated.");

    internal void Attach(GrainActivationContext activation) => _activation = activation;

    /// <summary>Called once after the checkpoint is loaded and before the first message.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called before the final checkpoint of this activation is written.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles one input message (a turn).</summary>
    public abstract Task OnMessageAsync(object message, IMessageContext context);

    /// <summary>Handles a tick of a timer registered with <see cref="RegisterTimer"/>. Ticks are messages in the input log.</summary>
    public virtual Task OnTimerAsync(string name, long tick, IMessageContext context) => Task.CompletedTask;

    /// <summary>
    /// Registers (or changes) a deterministic timer: the silo writes a tick message into this grain's
    /// input log every <paramref name="period"/>; ticks are numbered, survive restarts and are never
    /// lost or doubled. The registration is part of the grain's checkpoint.
    /// </summary>
    protected void RegisterTimer(string name, TimeSpan period) => Activation.Timers.Register(name, period);

    protected void UnregisterTimer(string name) => Activation.Timers.Unregister(name);

    /// <summary>Whether the timer is registered (registering again restarts its period).</summary>
    protected bool IsTimerRegistered(string name) => Activation.Timers.IsRegistered(name);

    /// <summary>Serialized state for the checkpoint; null when the grain has none.</summary>
    internal virtual byte[]? SaveState() => null;

    internal virtual void LoadState(byte[]? state) { }
}
