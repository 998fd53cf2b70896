using Trading.Benchmarks.Runtime.TestGrains;
using Trading.Runtime.Grains;
using Trading.Runtime.State;
using Trading.Tests.EndToEnd;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.Runtime.Cluster;

/// <summary>
/// A checkpoint write the store is slow to answer (Redis busy with a snapshot's reads) does not hold up the partition:
/// the worker goes on with its input while the write is in flight, and counts the grain as unsaved until it completes.
/// </summary>
public sealed class CheckpointWriteTests
{
    [Fact]
    public async Task Input_is_handled_while_a_checkpoint_write_is_held_back_and_the_checkpoint_lands_once_released()
    {
        var store = new HeldBackStore();
        var input = TestServers.UniqueName("counter-in");
        await using var cluster = await TestCluster.StartAsync(TestBackend.InMemory, 1, s => s.AddCounterGrain(input, null),
            new Dictionary<string, string?> { ["Runtime:CheckpointEveryMessages"] = "1", ["Runtime:CheckpointIntervalMs"] = "600000" },
            store);
        await cluster.WaitForPlacementAsync();
        var grain = new GrainId(CounterGrain.TypeName, "k");

        store.Hold();
        try
        {
            await cluster.Client.SendAsync<ICounterGrain>("k", new Increment(1));
            await store.FirstHeldWrite.WaitAsync(TimeSpan.FromSeconds(30)); // the first input's checkpoint is in flight, held
            // Before, the worker awaited that write: these inputs waited behind it, and the ask timed out.
            for (var i = 0; i < 5; i++) await cluster.Client.SendAsync<ICounterGrain>("k", new Increment(10));
            var reply = await cluster.Client.AskAsync<ICounterGrain, CountReply>("k", new GetCount(), TimeSpan.FromSeconds(10));
            Assert.Equal(51, reply.Count);
            Assert.Null(await store.Inner.LoadAsync(grain)); // nothing stored yet: the write is still held
        }
        finally
        {
            store.Release(); // also when the test fails: the silo's stop saves, and would wait for the gate forever
        }
        await Api.Eventually(async () =>
        {
            var checkpoint = await store.Inner.LoadAsync(grain);
            Assert.NotNull(checkpoint);
            Assert.Contains("\"count\":51", System.Text.Encoding.UTF8.GetString(GrainCheckpointPayload.Decode(checkpoint!.Payload).State!));
        }, 30_000);
    }

    /// <summary>An in-memory store whose writes wait, while held, until released.</summary>
    private sealed class HeldBackStore : IGrainStateStore
    {
        private volatile TaskCompletionSource _gate = Open();
        private readonly TaskCompletionSource _firstHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public InMemoryGrainStateStore Inner { get; } = new();
        public Task FirstHeldWrite => _firstHeld.Task;

        public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        public void Release() => _gate.TrySetResult();

        private static TaskCompletionSource Open()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }

        private async Task WaitForGate()
        {
            var gate = _gate;
            if (!gate.Task.IsCompleted) _firstHeld.TrySetResult();
            await gate.Task;
        }

        public Task<GrainCheckpoint?> LoadAsync(GrainId grain) => Inner.LoadAsync(grain);
        public Task<IReadOnlyDictionary<GrainId, GrainCheckpoint>> LoadManyAsync(IReadOnlyList<GrainId> grains) => Inner.LoadManyAsync(grains);

        public async Task SaveAsync(GrainId grain, GrainCheckpoint checkpoint)
        {
            await WaitForGate();
            await Inner.SaveAsync(grain, checkpoint);
        }

        public async Task SaveManyAsync(IReadOnlyList<KeyValuePair<GrainId, GrainCheckpoint>> checkpoints)
        {
            await WaitForGate();
            await Inner.SaveManyAsync(checkpoints);
        }

        public Task DeleteAsync(GrainId grain) => Inner.DeleteAsync(grain);
        public Task<IReadOnlyDictionary<string, long>> ListOffsetsAsync(string grainType) => Inner.ListOffsetsAsync(grainType);

        public Task ReplaceAllAsync(IReadOnlyCollection<string> grainTypes, IReadOnlyList<KeyValuePair<GrainId, GrainCheckpoint>> checkpoints,
            IReadOnlyCollection<GrainId>? keep = null) => Inner.ReplaceAllAsync(grainTypes, checkpoints, keep);
    }
}
