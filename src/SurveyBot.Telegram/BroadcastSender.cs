using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SurveyBot.Conversation;
using SurveyBot.Staff;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;
using SurveyBot.Supervision;
using Telegram.Bot;
using Telegram.Bot.Types.ReplyMarkups;

namespace SurveyBot.Channels.Telegram;

/// <summary>
/// Sends running broadcasts, one after another, at the broadcast rate, taken from the bulk allowance
/// (<see cref="SendWindow"/>) it shares with reminders. Separate from the respondents' outbox: replies have their
/// own sender and per-chat pacing, so a broadcast never delays a respondent's next question.
/// </summary>
/// <remarks>
/// Delivery guarantee: each recipient is marked <c>sending</c> in a commit before its Bot API call, and its outcome
/// (sent, blocked, failed) is committed with the worker's next <c>sending</c> mark, before its next call (marks are
/// group-committed by <see cref="DeliveryJournal"/>). After a kill, only recipients
/// still <c>sending</c> are in doubt — at most <see cref="BroadcastOptions.Concurrency"/>, the calls in flight — and they
/// are sent again on restart; every other recipient gets the message exactly once. Calls go through the same
/// <see cref="TelegramSendPipeline"/> as replies: a 429 pauses every worker for its retry_after and the recipient is tried
/// again; a 403 marks the delivery and the contact blocked.
/// <para>
/// On PostgreSQL every instance sends the running broadcast at once: each claims small chunks of its pending recipients
/// under a lease it renews (<see cref="BroadcastStore.ClaimPendingAsync"/>), so a recipient is called by one instance
/// only; a run that finds nothing to claim requeues only deliveries whose claimer is gone (its lease ran out), so after
/// a kill the survivor repeats at most the killed instance's calls in flight. The pipeline's bulk slots are then the
/// bot's, reserved in the database (<see cref="SharedBulkAllowance"/>), so together the instances keep the rate.
/// </para>
/// </remarks>
public sealed partial class BroadcastSender(
    TelegramSendPipeline pipeline,
    IDbContextFactory<SurveyDbContext> databases,
    BotIdentity identity,
    OutboxSender outbox,
    TokenRedactor redactor,
    TimeProvider clock,
    LoopSupervisor supervisor,
    IOptions<BroadcastOptions> options,
    ILogger<BroadcastSender> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a recipient claimed on PostgreSQL stays this instance's without renewal: after a kill, the other instance
    /// sends the killed one's claimed recipients this long later (its in-flight ones again, the rest for the first time).
    /// </summary>
    private static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(30);
    private readonly StaffReplies _replies = StaffReplies.Korean;
    private int _tooManyRequests;

    /// <summary>429 answers received by broadcasts since start.</summary>
    public int TooManyRequests => Volatile.Read(ref _tooManyRequests);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => supervisor.RunAsync("Broadcast sender", SendRunningAsync, stoppingToken);

    private async Task SendRunningAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            BroadcastRecord? next;
            await using (var db = await databases.CreateDbContextAsync(stoppingToken))
                next = await new BroadcastStore(db).NextRunningAsync(stoppingToken);
            // A run that ends with the broadcast still running left recipients another instance holds: look again
            // shortly (for its claims to end or run out) rather than at once.
            if (next is null || !await RunAsync(next, stoppingToken)) await Task.Delay(Poll, clock, stoppingToken);
        }
    }

    /// <summary>Sends what this instance can claim of <paramref name="broadcast"/>; true once the broadcast ended (completed or no longer running).</summary>
    private async Task<bool> RunAsync(BroadcastRecord broadcast, CancellationToken stoppingToken)
    {
        await using var db = await databases.CreateDbContextAsync(stoppingToken);
        var store = new BroadcastStore(db);
        // On PostgreSQL every instance sends the running broadcast, each the recipients it claimed; on SQLite one
        // process owns the file and pages through the pending ones.
        var shared = SurveyDatabase.ProviderOf(db) == StorageProvider.Postgres;
        if (!broadcast.Materialized) await store.MaterializeAsync(broadcast, stoppingToken);
        var requeued = shared
            ? await store.RequeueAbandonedAsync(broadcast.Id, outbox.Owner, stoppingToken)
            : await store.RequeueInFlightAsync(broadcast.Id, stoppingToken);
        // What this instance claimed before it restarted is free again at once (another instance's waits for its lease).
        if (shared) await store.ReleaseClaimsAsync(broadcast.Id, outbox.Owner, stoppingToken);
        if (requeued > 0) LogRequeued(logger, broadcast.Id, requeued);

        var settings = options.Value;
        var concurrency = Math.Max(1, settings.Concurrency);
        // Cancelled when staff cancel the broadcast or the run fails: no worker or producer waits on storage or on a
        // full queue after that.
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var run = new Run(broadcast, settings.RateFor(broadcast.Paid), Markup(broadcast, await identity.UsernameAsync(stoppingToken)), running, stoppingToken);
        // Shared, the queue is short: what waits in it is claimed and kept from the other instance until it is sent.
        var queue = Channel.CreateBounded<(long ChatId, string? State)>(new BoundedChannelOptions(shared ? concurrency : concurrency * 4) { SingleWriter = true });
        await using var journal = await DeliveryJournal.OpenAsync(databases, stoppingToken);
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => WorkAsync(run, journal, queue.Reader), stoppingToken)).ToList();
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var watcher = Task.Run(() => WatchAsync(run, watching.Token), watching.Token);
        var renewer = shared ? Task.Run(() => RenewAsync(run, watching.Token), watching.Token) : Task.CompletedTask;
        var completed = false;
        try
        {
            var after = long.MinValue;
            // Small chunks, so instances sharing the broadcast each take a part and none holds much that another could send.
            var chunk = Math.Clamp(run.Rate / 10, concurrency, 500);
            while (!run.Stopped)
            {
                var page = shared
                    ? await store.ClaimPendingAsync(broadcast.Id, outbox.Owner, chunk, ClaimLease, running.Token)
                    : await store.NextPendingAsync(broadcast.Id, after, 500, stoppingToken);
                if (page.Count == 0) break;
                foreach (var recipient in page)
                {
                    if (run.Stopped) break;
                    await queue.Writer.WriteAsync(recipient, running.Token);
                }
                after = page[^1].ChatId;
            }
            completed = true;
        }
        catch (OperationCanceledException) when (run.Stopped && !stoppingToken.IsCancellationRequested)
        {
            completed = true;
        }
        finally
        {
            queue.Writer.TryComplete();
            // A failed run must not wait for workers that are waiting for storage: they give up, and the next run resumes.
            if (!completed) run.Stop();
            await Task.WhenAll(workers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await watching.CancelAsync();
            await watcher.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await renewer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            // Claimed and never called (a cancel, a failure, a stop): free for the other instance now rather than after the lease.
            if (shared) await ((Task)store.ReleaseClaimsAsync(broadcast.Id, outbox.Owner, CancellationToken.None)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        stoppingToken.ThrowIfCancellationRequested();
        foreach (var worker in workers) await worker;
        if (run.Stopped) return true;

        // Every instance that runs out of recipients gets here; the status move is conditional, so one of them
        // completes the broadcast and sends staff the finished notice, once.
        var counts = await store.CountsAsync(broadcast.Id, stoppingToken);
        if (counts.GetValueOrDefault(DeliveryRecord.Pending) + counts.GetValueOrDefault(DeliveryRecord.Sending) > 0) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await store.MoveAsync(broadcast.Id, BroadcastRecord.Running, BroadcastRecord.Completed, now, stoppingToken)) return true;
        LogCompleted(logger, broadcast.Id, counts.GetValueOrDefault(DeliveryRecord.Sent), counts.GetValueOrDefault(DeliveryRecord.Blocked), counts.GetValueOrDefault(DeliveryRecord.Failed));
        if (broadcast.CreatedBy != 0)
        {
            var finished = await store.FindAsync(broadcast.Id, stoppingToken) ?? broadcast;
            var report = await BroadcastReport.DescribeAsync(store, finished, now, _replies, stoppingToken);
            var notice = new OutboxCall { Kind = OutboxCallKind.Send, Text = string.Format(System.Globalization.CultureInfo.InvariantCulture, _replies.BroadcastFinished, broadcast.Id, report) };
            var row = new OutboxStore(db).Stage(broadcast.CreatedBy, OutboxPayload.Write([notice]), now);
            await db.SaveChangesAsync(stoppingToken);
            outbox.Enqueue([row]);
        }
        return true;
    }

    /// <summary>
    /// Keeps this instance's claims on the broadcast alive while the run lasts (every third of the lease; a failed renewal
    /// is tried again at the next): past the lease another instance takes the recipients over, as after a kill.
    /// </summary>
    private async Task RenewAsync(Run run, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            // Real time, whatever clock the survey reads: the lease runs on the database's clock.
            await Task.Delay(ClaimLease / 3, cancellationToken);
            try
            {
                await using var db = await databases.CreateDbContextAsync(cancellationToken);
                await new BroadcastStore(db).RenewClaimsAsync(run.Broadcast.Id, outbox.Owner, ClaimLease, cancellationToken);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested && !LoopSupervisor.IsFatal(error))
            {
                LogRenewFailed(logger, run.Broadcast.Id, redactor.Describe(error));
            }
        }
    }

    /// <summary>Stops the run when staff cancel the broadcast (checked every second; a failed check is tried again).</summary>
    private async Task WatchAsync(Run run, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(Poll, clock, cancellationToken);
            try
            {
                await using var db = await databases.CreateDbContextAsync(cancellationToken);
                var current = await db.Broadcasts.AsNoTracking().Where(b => b.Id == run.Broadcast.Id).Select(b => b.Status).SingleAsync(cancellationToken);
                if (current != BroadcastRecord.Running)
                {
                    run.Stop();
                    return;
                }
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested && !LoopSupervisor.IsFatal(error))
            {
                LogWatchFailed(logger, run.Broadcast.Id, redactor.Describe(error));
            }
        }
    }

    private async Task WorkAsync(Run run, DeliveryJournal journal, ChannelReader<(long ChatId, string? State)> recipients)
    {
        var token = run.Token;
        var id = run.Broadcast.Id;
        // A call's outcome is committed together with the next recipient's "sending" mark, before that next call:
        // at any moment this worker has at most one recipient whose fate is not yet stored.
        DeliveryMark? outcome = null;
        try
        {
            await using var db = await databases.CreateDbContextAsync(token);
            await foreach (var (chatId, state) in recipients.ReadAllAsync(token))
            {
                // Once cancelled, the rest stay pending: nobody else gets the message.
                if (run.Stopped) continue;
                var now = clock.GetUtcNow().UtcDateTime;
                if (state is ContactRecord.Blocked or ContactRecord.Stopped)
                {
                    await RecordAsync(journal, Marks(outcome, new DeliveryMark(id, chatId, DeliveryRecord.Skipped, state, now)), token);
                    outcome = null;
                    continue;
                }
                // A failed commit (a lock, a full disk) is retried until it lands: the call is made only once its
                // recipient is marked, and this worker goes on afterwards.
                await RecordAsync(journal, Marks(outcome, new DeliveryMark(id, chatId, DeliveryRecord.Sending, null, now)), token);
                outcome = null;
                var (status, error) = await SendAsync(run, chatId, token);
                outcome = new DeliveryMark(id, chatId, status, error, clock.GetUtcNow().UtcDateTime);
                if (status == DeliveryRecord.Blocked)
                    await supervisor.RetryAsync("Marking a contact blocked", t => new ContactStore(db).MarkBlockedAsync([chatId], t), token);
            }
            if (outcome is { } last) await RecordAsync(journal, [last], token);
        }
        catch (OperationCanceledException) when (run.Stopped)
        {
            // Cancelled (or the run failed): the last outcome gets one more try; left "sending", it is sent again only if
            // the broadcast runs again.
            if (outcome is { } last) await journal.WriteAsync([last]).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private Task RecordAsync(DeliveryJournal journal, DeliveryMark[] marks, CancellationToken cancellationToken) =>
        supervisor.RetryAsync("Recording broadcast deliveries", _ => journal.WriteAsync(marks), cancellationToken);

    private static DeliveryMark[] Marks(DeliveryMark? previous, DeliveryMark next) => previous is { } done ? [done, next] : [next];

    /// <summary>
    /// Sends the broadcast to one recipient through the send pipeline (the bulk allowance at the broadcast's rate, 429s
    /// retried after their retry_after, transient failures up to <see cref="BroadcastOptions.MaxAttempts"/>). A cancel that
    /// comes while nothing can have reached Telegram (waiting for a slot or to retry a call Telegram refused) gives the
    /// recipient back as pending: nobody got anything, and the counts say so. A call in flight is let finish, so its
    /// outcome is known.
    /// </summary>
    private async Task<(string Status, string? Error)> SendAsync(Run run, long chatId, CancellationToken stoppingToken)
    {
        var attempt = new BroadcastResult();
        try
        {
            var sent = await pipeline.BroadcastAsync(chatId, run.Rate,
                (bot, token) => bot.SendMessage(chatId, run.Broadcast.Text, replyMarkup: run.Markup, allowPaidBroadcast: run.Broadcast.Paid, cancellationToken: token),
                attempt, stoppingToken, run.HostStopping);
            return sent.Outcome switch
            {
                SendOutcome.Sent or SendOutcome.Unchanged => (DeliveryRecord.Sent, null),
                SendOutcome.Blocked => (DeliveryRecord.Blocked, sent.Reason),
                _ => (DeliveryRecord.Failed, sent.Reason),
            };
        }
        catch (OperationCanceledException) when (run.Stopped && !run.HostStopping.IsCancellationRequested && !attempt.Uncertain)
        {
            return (DeliveryRecord.Pending, null);
        }
        finally
        {
            if (attempt.TooManyRequests > 0) Interlocked.Add(ref _tooManyRequests, attempt.TooManyRequests);
        }
    }

    private InlineKeyboardMarkup Markup(BroadcastRecord broadcast, string username) =>
        new(InlineKeyboardButton.WithUrl(broadcast.Audience == BroadcastAudience.InProgress ? _replies.ResumeButton : _replies.InvitationButton,
            BotIdentity.Link(username, broadcast.StartParameter)));

    private sealed class Run(BroadcastRecord broadcast, int rate, InlineKeyboardMarkup markup, CancellationTokenSource running, CancellationToken hostStopping)
    {
        /// <summary>
        /// Cancelled only when the bot stops: a call already made is let finish (within the request timeout) after a cancel,
        /// so its outcome is known and recorded rather than left "sending".
        /// </summary>
        public CancellationToken HostStopping { get; } = hostStopping;

        public BroadcastRecord Broadcast { get; } = broadcast;
        public int Rate { get; } = rate;
        public InlineKeyboardMarkup Markup { get; } = markup;

        /// <summary>Cancelled once the run stops: what waits on storage, the queue or a call gives up.</summary>
        public CancellationToken Token { get; } = running.Token;

        public bool Stopped => running.IsCancellationRequested;

        public void Stop()
        {
            try
            {
                running.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run has already ended.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broadcast {Id}: checking for a cancel failed, trying again: {Error}")]
    private static partial void LogWatchFailed(ILogger logger, long id, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broadcast {Id}: renewing this instance's claims failed, trying again: {Error}")]
    private static partial void LogRenewFailed(ILogger logger, long id, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Broadcast {Id}: {Count} recipients were in flight at the last stop and are sent again")]
    private static partial void LogRequeued(ILogger logger, long id, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Broadcast {Id} completed: {Sent} sent, {Blocked} blocked, {Failed} failed")]
    private static partial void LogCompleted(ILogger logger, long id, int sent, int blocked, int failed);
}
