namespace Trading.Runtime.Grains;

/// <summary>
/// A grain with persistent state, as Orleans' Grain&lt;TState&gt;. The state is checkpointed with the
/// input offset it reflects (atomically) by the runtime's checkpoint policy, at deactivation, and when
/// the grain calls <see cref="WriteStateAsync"/>.
/// </summary>
public abstract class Grain<TState> : Grain where TState : class, new()
{
    /// <summary>The grain's state; loaded before <see cref="Grain.OnActivateAsync"/>.</summary>
    protected TState State { get; set; } = new();

    /// <summary>True when a checkpoint existed at activation or the state was written since.</summary>
    protected bool RecordExists { get; private set; }

    /// <summary>Asks for a checkpoint of the state and the current input offset at the end of this turn.</summary>
    protected Task WriteStateAsync()
    {
        RecordExists = true;
        Activation.RequestCheckpoint();
        return Task.CompletedTask;
    }

    /// <summary>Resets the state to its default; the next checkpoint stores the empty state.</summary>
    protected Task ClearStateAsync()
    {
        State = new TState();
        RecordExists = false;
        Activation.RequestCheckpoint();
        return Task.CompletedTask;
    }

    /// <summary>Re-reads the state of the last checkpoint, dropping changes made since.</summary>
    protected Task ReadStateAsync() => Activation.ReloadStateAsync();

    /// <summary>
    /// Runs right before the state is serialized for a checkpoint: a grain that keeps a live domain
    /// object beside <see cref="State"/> copies it into the state here.
    /// </summary>
    protected virtual void OnCheckpointing() { }

    /// <summary>Runs after the state was loaded or reloaded: rebuild live domain objects from <see cref="State"/> here.</summary>
    protected virtual void OnStateLoaded() { }

    /// <summary>
    /// The binary layout of the state, or null (the default) for JSON. A grain whose state is large or checkpointed often
    /// names one; checkpoints written before it did are JSON and still load (see <see cref="GrainStateFormat"/>). Must give
    /// the same codec on every call: it is read before the state is loaded.
    /// </summary>
    protected virtual IStateCodec<TState>? StateCodec => null;

    internal override byte[]? SaveState()
    {
        OnCheckpointing();
        return GrainStateFormat.Serialize(State, StateCodec);
    }

    internal override void LoadState(byte[]? state)
    {
        RecordExists = state is not null;
        State = state is null ? new TState() : GrainStateFormat.Deserialize(state, StateCodec) ?? new TState();
        OnStateLoaded();
    }
}
