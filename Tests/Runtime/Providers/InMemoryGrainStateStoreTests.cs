using Trading.Runtime.State;

namespace Trading.Tests.Runtime.Providers;

/// <summary>The state-store contract against the embedded in-memory store.</summary>
public sealed class InMemoryGrainStateStoreTests : GrainStateStoreContract
{
    protected override IGrainStateStore Store { get; } = new InMemoryGrainStateStore();
}
