using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SurveyBot.Storage;

namespace SurveyBot.Supervision;

/// <summary>
/// Keeps SurveyBot's long-running loops (receiver, processor shards, outbox sender and recorder, broadcast sender and
/// workers, fieldwork scanner) alive for weeks of unattended fieldwork. A failed iteration is logged as an error and
/// the loop goes on after a growing pause; a write that must land (a stored update, an outbox mark, a delivery mark)
/// is retried until it does. A fatal error (the process is out of memory, its state can no longer be trusted) is not
/// survived: it is logged, the host is stopped and the run verb exits non-zero, so systemd (Restart=on-failure) or
/// Docker (--restart) start a fresh process, which loses nothing (every update and outgoing call is stored first).
/// </summary>
public sealed partial class LoopSupervisor(IHostApplicationLifetime lifetime, TokenRedactor redactor, TimeProvider clock, ILogger<LoopSupervisor> logger)
{
    private static readonly TimeSpan FirstLoopPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestLoopPause = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstRetryPause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestRetryPause = TimeSpan.FromSeconds(5);

    /// <summary>A loop that ran this long without failing starts again from the shortest pause after its next failure.</summary>
    private static readonly TimeSpan Healthy = TimeSpan.FromMinutes(1);

    private string? _failure;

    /// <summary>Why the process is stopping after a failure it could not survive; null while none happened.</summary>
    public string? Failure => Volatile.Read(ref _failure);

    /// <summary>Errors after which the process must start afresh rather than go on.</summary>
    public static bool IsFatal(Exception? error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            if (current is OutOfMemoryException or InsufficientExecutionStackException or AccessViolationException or InvalidProgramException) return true;
            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsFatal)) return true;
        }
        return false;
    }

    /// <summary>
    /// Runs <paramref name="loop"/> until <paramref name="stoppingToken"/> is cancelled. When it throws, the error is
    /// logged and the loop is started again after a pause (1 s, doubling to 30 s while it keeps failing); a fatal error
    /// stops the process (see <see cref="Fail"/>) and is rethrown.
    /// </summary>
    public async Task RunAsync(string name, Func<CancellationToken, Task> loop, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(loop);
        var pause = FirstLoopPause;
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = clock.GetTimestamp();
            try
            {
                await loop(stoppingToken);
                if (stoppingToken.IsCancellationRequested) return;
                LogLoopEnded(logger, name);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (!IsFatal(error))
            {
                if (clock.GetElapsedTime(started) > Healthy) pause = FirstLoopPause;
                LogLoopFailed(logger, name, pause.TotalSeconds, redactor.Describe(error));
            }
            catch (Exception error)
            {
                Fail(name, error);
                throw;
            }
            if (!await PauseAsync(pause, stoppingToken)) return;
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestLoopPause.Ticks));
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> until it succeeds: a transient storage error (a lock, a full disk) and any other
    /// error are retried after a pause (0.2 s, doubling to 5 s), for as long as they last, so what it writes is never
    /// dropped. Stops when <paramref name="cancellationToken"/> is cancelled (throwing); a fatal error stops the process.
    /// </summary>
    public async Task<T> RetryAsync<T>(string what, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var pause = FirstRetryPause;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception error) when (!IsFatal(error))
            {
                if (StorageFaults.IsTransient(error)) LogRetryTransient(logger, what, attempt, redactor.Describe(error));
                else LogRetryFailed(logger, what, attempt, redactor.Describe(error));
            }
            catch (Exception error)
            {
                Fail(what, error);
                throw;
            }
            await Task.Delay(pause, clock, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestRetryPause.Ticks));
        }
    }

    /// <summary>As <see cref="RetryAsync{T}"/> for an action that returns nothing.</summary>
    public Task RetryAsync(string what, Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return RetryAsync(what, async token =>
        {
            await action(token);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// A failure the process cannot survive: logged as critical, remembered for the exit code, and the host is told to
    /// stop (also from a task nobody awaits, such as one chat's outbox drain).
    /// </summary>
    public void Fail(string where, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var why = $"{where}: {redactor.Describe(error)}";
        if (Interlocked.CompareExchange(ref _failure, why, null) is null) LogFatal(logger, why);
        lifetime.StopApplication();
    }

    private async Task<bool> PauseAsync(TimeSpan pause, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(pause, clock, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Loop} failed and starts again in {Seconds} s: {Error}")]
    private static partial void LogLoopFailed(ILogger logger, string loop, double seconds, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Loop} ended unexpectedly and starts again")]
    private static partial void LogLoopEnded(ILogger logger, string loop);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What}: storage unavailable (attempt {Attempt}), retrying: {Error}")]
    private static partial void LogRetryTransient(ILogger logger, string what, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{What} failed (attempt {Attempt}), retrying: {Error}")]
    private static partial void LogRetryFailed(ILogger logger, string what, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Critical, Message = "SurveyBot stops after a failure it cannot survive ({Failure}); the service manager starts it again")]
    private static partial void LogFatal(ILogger logger, string failure);
}
