using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trading.Runtime.Configuration;
using Trading.Runtime.Hosting;

namespace Trading.Runtime.Operations;

/// <summary>
/// Makes this silo follow the desired consumption state: polls the control store every
/// <see cref="OperationsOptions.ControlPollMs"/>, pauses or resumes the grain consumers, flushes outputs and commits on a
/// flush request, hands valid offset resets to the grain types, and acknowledges what it applied. It starts before the
/// silo runtime (registered ahead of it), so a silo that joins a paused cluster never consumes a record.
/// </summary>
public sealed class SiloControlService(
    SiloRuntime silo, IOperationsControlStore store, IOptions<OperationsOptions> options, TimeProvider clock,
    ILogger<SiloControlService> logger) : BackgroundService
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PauseWait = TimeSpan.FromSeconds(1);
    private long _flushed;
    private SiloControlAck? _lastAck;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var state = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (state.Paused)
            {
                silo.PauseConsumption();
                logger.LogWarning("Silo {SiloId} starts with consumption paused (control version {Version})", silo.SiloId, state.Version);
            }
            _flushed = state.FlushRequest; // a flush requested before this silo existed concerns other silos' outputs
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Reading the consumption control state failed; silo {SiloId} starts consuming", silo.SiloId);
        }
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var ledger = new ControlStoreResetLedger(store, silo.SiloId);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.ControlPollMs));
        while (await NextTickAsync(timer, stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await ApplyAsync(await store.ReadAsync(stoppingToken).ConfigureAwait(false), ledger, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Applying the consumption control state failed on silo {SiloId}; retrying", silo.SiloId);
            }
        }
    }

    private async Task ApplyAsync(ConsumptionControlState state, IOffsetResetLedger ledger, CancellationToken cancellationToken)
    {
        if (state.Paused && !silo.ConsumptionPaused)
        {
            silo.PauseConsumption();
            logger.LogWarning("Silo {SiloId}: consumption paused (control version {Version})", silo.SiloId, state.Version);
        }
        else if (!state.Paused && silo.ConsumptionPaused)
        {
            silo.ResumeConsumption();
            logger.LogWarning("Silo {SiloId}: consumption resumed (control version {Version})", silo.SiloId, state.Version);
        }
        if (state.FlushRequest > _flushed)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(FlushTimeout);
            await silo.FlushOutputsAsync(timeout.Token).ConfigureAwait(false);
            silo.CommitNow();
            _flushed = state.FlushRequest;
            logger.LogInformation("Silo {SiloId}: outputs flushed and offsets committed (flush request {Request})", silo.SiloId, state.FlushRequest);
        }
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var reset in state.Resets)
            if (reset.ExpiresAt > now) silo.SubmitReset(reset, ledger);

        if (silo.ConsumptionPaused)
        {
            var waited = Stopwatch.StartNew();
            while (!silo.PauseApplied && waited.Elapsed < PauseWait) await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
        var ack = new SiloControlAck(silo.SiloId, state.Version, silo.ConsumptionPaused, silo.PauseApplied, _flushed, silo.PendingOutputs, 0);
        if (_lastAck is null || ack != _lastAck with { Timestamp = 0, PendingOutputs = ack.PendingOutputs })
        {
            await store.AcknowledgeAsync(ack with { Timestamp = now }, cancellationToken).ConfigureAwait(false);
            _lastAck = ack;
        }
    }

    /// <summary>False when the host stops (also when it is disposed without a stop, after a failed start).</summary>
    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
