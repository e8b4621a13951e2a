using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SurveyBot.Storage;
using SurveyBot.Supervision;

namespace SurveyBot.Channels.Telegram;

/// <summary>
/// The bulk allowance of the whole bot when several instances share one PostgreSQL database: before a broadcast
/// message or a reminder goes out, it waits for a slot reserved in the database (<see cref="SharedSendSlots"/>), so
/// the instances together keep to the bulk rate, whatever mix of broadcasts and reminders each sends. Slots are
/// reserved a tenth of a second's worth at a time and handed out here one <c>1/rate</c> apart. On SQLite there is one
/// process and this gives every slot at once: its own <see cref="SendWindow"/> is the whole bot's.
/// </summary>
/// <param name="databases">Null where no database is configured (a test's pipeline): nothing is shared.</param>
public sealed partial class SharedBulkAllowance(IDbContextFactory<SurveyDbContext>? databases, ILogger<SharedBulkAllowance> logger)
{
    /// <summary>
    /// A slot this late is dropped rather than used: its moment has passed, and a message sent well after it could put
    /// one more into a later second than the allowance gave out. A busy machine then reserves afresh.
    /// </summary>
    private static readonly TimeSpan Stale = TimeSpan.FromMilliseconds(50);

    /// <summary>Reservations are a hundredth slower than the rate, like <see cref="SendWindow"/>'s second: the calls' arrival at Telegram jitters.</summary>
    private const double Margin = 1.01;

    private static readonly TimeSpan RetryStorage = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<long> _slots = new();
    private int _rate;

    /// <summary>Null until the first slot is asked for; then whether the database is shared (PostgreSQL).</summary>
    private bool? _shared;

    /// <summary>Waits for this instance's next slot of the bot's bulk allowance at <paramref name="perSecond"/>; at once when nothing is shared.</summary>
    public async Task TakeAsync(int perSecond, CancellationToken cancellationToken)
    {
        if (databases is null || _shared == false) return;
        while (true)
        {
            long at;
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _shared ??= await IsSharedAsync(cancellationToken).ConfigureAwait(false);
                if (_shared == false) return;
                var now = Stopwatch.GetTimestamp();
                while (_slots.Count > 0 && (_rate != perSecond || Stopwatch.GetElapsedTime(_slots.Peek(), now) > Stale)) _slots.Dequeue();
                if (_slots.Count == 0) await ReserveAsync(perSecond, cancellationToken).ConfigureAwait(false);
                at = _slots.Dequeue();
            }
            finally
            {
                _gate.Release();
            }
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), at);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            // Woken late (a stalled machine wakes every waiting worker at once): the slot has passed, and all of them
            // going out now would crowd the next second. Only a call close to its slot goes.
            if (Stopwatch.GetElapsedTime(at) <= Stale) return;
        }
    }

    /// <summary>Telegram answered 429 to this instance: no instance's slot begins before <paramref name="retryAfter"/> has passed, since the flood limit covers the whole bot.</summary>
    public async Task PauseAsync(TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        if (databases is null || _shared != true) return;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _slots.Clear();
            await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await SharedSendSlots.PauseAsync(db, SharedSendSlots.Bulk, retryAfter, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested && !LoopSupervisor.IsFatal(error))
        {
            // This instance pauses all the same (its SendWindow); the others learn of the flood from their own 429s.
            LogPauseFailed(logger, error.GetType().Name);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> IsSharedAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases!.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return SqlDialect.IsPostgres(db);
    }

    /// <summary>Reserves a tenth of a second's worth of slots; a failed reservation is tried again (no message goes out unreserved).</summary>
    private async Task ReserveAsync(int perSecond, CancellationToken cancellationToken)
    {
        var count = Math.Max(1, perSecond / 10);
        while (true)
        {
            try
            {
                await using var db = await databases!.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
                var first = await SharedSendSlots.ReserveAsync(db, SharedSendSlots.Bulk, count, perSecond / Margin, cancellationToken).ConfigureAwait(false);
                var start = Stopwatch.GetTimestamp() + (long)(first.TotalSeconds * Stopwatch.Frequency);
                var step = Stopwatch.Frequency * Margin / perSecond;
                for (var i = 0; i < count; i++) _slots.Enqueue(start + (long)(i * step));
                _rate = perSecond;
                return;
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested && !LoopSupervisor.IsFatal(error))
            {
                LogReserveFailed(logger, error.GetType().Name, error.Message);
                await Task.Delay(RetryStorage, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reserving bulk send slots in the database failed, trying again: {Kind} {Error}")]
    private static partial void LogReserveFailed(ILogger logger, string kind, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sharing a 429 pause through the database failed: {Kind}")]
    private static partial void LogPauseFailed(ILogger logger, string kind);
}
