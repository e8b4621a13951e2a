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
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace SurveyBot.Channels.Telegram;

/// <summary>
/// Drains the outbox. Each chat's rows go out one after another in the order they were staged
/// (within a row, new messages keep their order, with the row's edits and callback answers made
/// alongside them); different chats are served concurrently (up to a limit), so one chat's wait never
/// holds up another's. Outcomes are recorded in batches; a call sent but not yet recorded when the process
/// dies is sent again after the restart (at most once more). A call that met only transient errors
/// (Telegram unreachable or overloaded) is never given up: the chat waits, with a growing pause, and
/// tries it again, so a respondent's next question is delayed but never lost. Admin reports are
/// rendered here, when their row is sent, and staff recipient lists downloaded here, so heavy exports and downloads
/// never hold up the handling of updates.
/// </summary>
public sealed class OutboxSender(
    TelegramSendPipeline pipeline,
    ReportRenderer reports,
    RecipientListDownloader recipientLists,
    BotIdentity identity,
    TokenRedactor redactor,
    IDbContextFactory<SurveyDbContext> databases,
    TimeProvider clock,
    LoopSupervisor supervisor,
    IOptions<TelegramOptions> options,
    ILogger<OutboxSender> logger) : BackgroundService, IOutboxQueue
{
    private readonly Channel<OutboxRecord> _incoming = Channel.CreateUnbounded<OutboxRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<(OutboxResult Result, long ChatId)> _done = Channel.CreateUnbounded<(OutboxResult, long)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<long, Queue<OutboxRecord>> _queues = [];
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.SenderConcurrency));
    private readonly Lock _lock = new();
    private CancellationToken _stopping;
    private int _held;

    /// <summary>
    /// How long a claimed row stays this instance's on PostgreSQL without being renewed: a killed instance's rows wait
    /// this long before the other instance sends them (unless it restarts first and gives them back at once).
    /// </summary>
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    /// <summary>How often the outbox is asked for rows to claim besides the nudges of local staging: rows another instance staged behind this one's, and rows whose lease ran out.</summary>
    private static readonly TimeSpan ClaimPoll = TimeSpan.FromMilliseconds(500);

    /// <summary>Set at start on PostgreSQL: only rows claimed in the database are sent, so instances sharing it never send one twice.</summary>
    private bool _claims;

    /// <summary>Rows claimed and held here, so a claim renewed too late and taken again is not queued twice.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte> _claimed = new();

    /// <summary>Nudges the claim loop when rows were staged here.</summary>
    private readonly Channel<bool> _staged = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>
    /// The name this instance claims under, the same after a restart (so its start can give back what it held): the host
    /// and the webhook listen address, which differ between instances on one database. Broadcast claims use it too.
    /// </summary>
    internal string Owner => $"{Environment.MachineName} {options.Value.WebhookListen}";

    /// <summary>Rows queued, in flight or waiting for their outcome to be recorded.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Queues calls just committed to the outbox.</summary>
    public void Enqueue(IEnumerable<OutboxRecord> rows)
    {
        if (_claims)
        {
            // Committed, not claimed: the claim loop takes them (or another instance does).
            if (rows.Any()) _staged.Writer.TryWrite(true);
            return;
        }
        Hold(rows);
    }

    private void Hold(IEnumerable<OutboxRecord> rows)
    {
        foreach (var row in rows)
        {
            Interlocked.Increment(ref _held);
            _incoming.Writer.TryWrite(row);
        }
    }

    /// <summary>
    /// Waits while <paramref name="share"/> of <see cref="TelegramOptions.MaxQueuedOutboxRows"/> rows are held. Whoever
    /// stages outbox rows calls this before staging more, so the rows waiting in memory stay bounded however far sending
    /// falls behind. Unsolicited rows (reminders) take half, so when they wait long for the bulk allowance (behind a paid
    /// broadcast) the other half stays free for replies.
    /// </summary>
    public async Task WaitForRoomAsync(CancellationToken cancellationToken, double share = 1.0)
    {
        var limit = Math.Max(1, (int)(options.Value.MaxQueuedOutboxRows * share));
        while (Held >= limit) await Task.Delay(RoomPoll, clock, cancellationToken);
    }

    private static readonly TimeSpan RoomPoll = TimeSpan.FromMilliseconds(20);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            if (SurveyDatabase.ProviderOf(db) == StorageProvider.Postgres)
            {
                // What this instance claimed before it stopped is free again at once, for whichever instance claims first.
                var released = await new OutboxStore(db).ReleaseClaimsAsync(Owner, cancellationToken);
                if (released > 0) logger.LogInformation("Gave back {Count} outbox claims left from before the restart", released);
                _claims = true;
                await base.StartAsync(cancellationToken);
                return;
            }
            var pending = await new OutboxStore(db).PendingAsync(cancellationToken);
            Enqueue(pending);
            if (pending.Count > 0) logger.LogInformation("Resuming {Count} unsent calls", pending.Count);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        var recorder = Task.Run(() => supervisor.RunAsync("Outbox recorder", RecordAsync, stoppingToken), stoppingToken);
        if (_claims) _ = Task.Run(() => supervisor.RunAsync("Outbox claims", ClaimAsync, stoppingToken), stoppingToken);
        await supervisor.RunAsync("Outbox sender", DispatchAsync, stoppingToken);
        await recorder.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task DispatchAsync(CancellationToken stoppingToken)
    {
        await foreach (var row in _incoming.Reader.ReadAllAsync(stoppingToken))
        {
            lock (_lock)
            {
                if (_queues.TryGetValue(row.ChatId, out var queue))
                {
                    queue.Enqueue(row);
                    continue;
                }
                _queues[row.ChatId] = new Queue<OutboxRecord>();
            }
            _ = Task.Run(() => DrainChatAsync(row), stoppingToken);
        }
    }

    private async Task DrainChatAsync(OutboxRecord first)
    {
        var row = first;
        while (true)
        {
            OutboxResult? result;
            var pause = TimeSpan.FromSeconds(1);
            var progress = new OutboxProgress(OutboxPayload.Read(row.PayloadJson));
            // A bulk row (a reminder) may wait long for the bulk allowance, e.g. behind a paid broadcast that fills it:
            // it must not hold one of the sender's slots meanwhile, or enough reminders would starve every reply.
            // Bulk rows are bounded all the same, by Telegram__MaxQueuedOutboxRows.
            var slots = progress.Calls.Any(c => c.Bulk) ? null : _slots;
            while (true)
            {
                if (slots is not null) await slots.WaitAsync(_stopping);
                try
                {
                    result = await SendAsync(row, progress);
                }
                catch (Exception error) when (!_stopping.IsCancellationRequested && !LoopSupervisor.IsFatal(error))
                {
                    // Nobody awaits this drain: an error that escaped it would leave the chat's queue stuck for good.
                    logger.LogError("Outbox call {Id} to a chat failed unexpectedly, trying again in {Pause}: {Error}", row.Id, pause, redactor.Describe(error));
                    result = null;
                }
                catch (Exception error) when (LoopSupervisor.IsFatal(error))
                {
                    supervisor.Fail("Outbox sender", error);
                    return;
                }
                finally
                {
                    slots?.Release();
                }
                if (result is not null) break;
                await Task.Delay(pause, clock, _stopping);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
            }
            _done.Writer.TryWrite((result, row.ChatId));
            lock (_lock)
            {
                var queue = _queues[row.ChatId];
                // The rows already queued behind a block were staged for a chat that refuses messages: they are marked
                // blocked without a call. Nothing is remembered past them, so a person who unblocks the bot and writes
                // again gets the replies to that (the contact row, not process memory, says who is blocked).
                if (result.Status == OutboxRecord.Blocked)
                {
                    while (queue.TryDequeue(out var behind))
                        _done.Writer.TryWrite((new OutboxResult(behind.Id, OutboxRecord.Blocked, result.Error), behind.ChatId));
                }
                if (!queue.TryDequeue(out var next))
                {
                    _queues.Remove(row.ChatId);
                    return;
                }
                row = next;
            }
        }
    }

    private static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Makes the row's calls not yet made; null when Telegram was unavailable and the rest should be tried
    /// again later. New messages go out in order; edits of earlier messages (the answered question) go out
    /// in order alongside them, and so do callback answers (which only stop a button's spinner), so the
    /// respondent's next question waits for neither. A call that fails for good is noted and the others are
    /// still made (a failed edit must not keep the next question from the respondent); a block ends the row.
    /// </summary>
    private async Task<OutboxResult?> SendAsync(OutboxRecord row, OutboxProgress progress)
    {
        var answers = Enumerable.Range(0, progress.Calls.Count)
            .Where(i => !progress.Made(i) && progress.Calls[i].Kind == OutboxCallKind.AnswerCallback)
            .Select(i => MakeAsync(row, progress, i)).ToList();
        var edits = MakeInOrderAsync(row, progress, static call => call.Kind == OutboxCallKind.Edit);
        // Leaving a group follows the message that says why.
        var messages = MakeInOrderAsync(row, progress, static call => call.Kind is OutboxCallKind.Send or OutboxCallKind.Photo or OutboxCallKind.Report or OutboxCallKind.ImportRecipients or OutboxCallKind.Leave);
        var outcomes = await Task.WhenAll([messages, edits, .. answers]);
        if (outcomes.FirstOrDefault(o => o.Stop is { Status: OutboxRecord.Blocked }) is { Stop: { } block }) return block;
        if (outcomes.Any(o => !o.Done)) return null;
        var errors = progress.Errors;
        return errors.Count == 0
            ? new OutboxResult(row.Id, OutboxRecord.Sent)
            : new OutboxResult(row.Id, OutboxRecord.Failed, string.Join("; ", errors));
    }

    /// <summary>The row's calls of one kind not yet made, one after another; stops at a block or at Telegram being unavailable.</summary>
    private async Task<CallOutcome> MakeInOrderAsync(OutboxRecord row, OutboxProgress progress, Func<OutboxCall, bool> kind)
    {
        for (var i = 0; i < progress.Calls.Count; i++)
        {
            if (progress.Made(i) || !kind(progress.Calls[i])) continue;
            var outcome = await MakeAsync(row, progress, i);
            if (!outcome.Done || outcome.Stop is not null) return outcome;
        }
        return new CallOutcome(true, null);
    }

    /// <summary>Makes call <paramref name="index"/> of the row and records it in <paramref name="progress"/> unless Telegram was unavailable.</summary>
    private async Task<CallOutcome> MakeAsync(OutboxRecord row, OutboxProgress progress, int index)
    {
        var call = progress.Calls[index];
        var result = call switch
        {
            { Kind: OutboxCallKind.Report, Report: { } report } => await SendReportAsync(row, report),
            { Kind: OutboxCallKind.ImportRecipients, Import: { } job } => await ImportAsync(row, job),
            _ => ResultOf(row, await pipeline.SendAsync(row.ChatId, KindOf(call), async (bot, cancellationToken) => await CallAsync(bot, row.ChatId, await WithLinksAsync(call, cancellationToken), cancellationToken), _stopping)),
        };
        if (result is null) return new CallOutcome(false, null);
        if (result.Status == OutboxRecord.Blocked) return new CallOutcome(true, result);
        progress.Record(index, result.Status == OutboxRecord.Failed ? result.Error ?? "failed" : null);
        return new CallOutcome(true, null);
    }

    private OutboxResult? ResultOf<T>(OutboxRecord row, SendResult<T> sent)
    {
        switch (sent.Outcome)
        {
            case SendOutcome.Sent or SendOutcome.Unchanged:
                return new OutboxResult(row.Id, OutboxRecord.Sent);
            case SendOutcome.Blocked:
                return new OutboxResult(row.Id, OutboxRecord.Blocked, sent.Reason);
            case SendOutcome.Unavailable:
                logger.LogWarning("Outbox call {Id} to a chat met only transient errors in {Attempts} attempts, trying again later: {Reason}", row.Id, sent.Attempts, redactor.Redact(sent.Reason));
                return null;
            default:
                logger.LogWarning("Outbox call {Id} to a chat failed after {Attempts} attempts: {Reason}", row.Id, sent.Attempts, redactor.Redact(sent.Reason));
                return new OutboxResult(row.Id, OutboxRecord.Failed, redactor.Redact(sent.Reason));
        }
    }

    /// <summary>
    /// Renders the report (reading the database, writing temporary files) and sends its parts in order,
    /// each through the pipeline with the usual limits and retries. The row is marked once, after the
    /// last part: a crash in between sends the whole report again after the restart, so an admin may
    /// receive a document twice, which is accepted over losing it.
    /// </summary>
    private async Task<OutboxResult?> SendReportAsync(OutboxRecord row, OutboxReport report)
    {
        RenderedReport rendered;
        try
        {
            rendered = await reports.RenderAsync(report, _stopping);
        }
        catch (Exception error) when (!_stopping.IsCancellationRequested && !LoopSupervisor.IsFatal(error))
        {
            var reason = "report not rendered: " + redactor.Describe(error);
            logger.LogWarning("Outbox call {Id}: {Kind} report of flow {Flow} failed: {Reason}", row.Id, report.Kind, report.Flow, reason);
            var apology = await pipeline.SendAsync(row.ChatId, SendKind.Message,
                (bot, cancellationToken) => bot.SendMessage(row.ChatId, ConversationReplies.Korean.ReportFailed, cancellationToken: cancellationToken), _stopping);
            return new OutboxResult(row.Id, apology.Outcome == SendOutcome.Blocked ? OutboxRecord.Blocked : OutboxRecord.Failed, reason);
        }
        using (rendered)
        {
            foreach (var part in rendered.Parts)
            {
                var sent = await pipeline.SendAsync(row.ChatId, SendKind.Message, (bot, cancellationToken) => SendPartAsync(bot, row.ChatId, part, cancellationToken), _stopping);
                if (!sent.Delivered) return ResultOf(row, sent);
            }
        }
        return new OutboxResult(row.Id, OutboxRecord.Sent);
    }

    /// <summary>
    /// Downloads and stores a staff recipient list, then sends the reply (the preview, or why not). The row is marked
    /// after the reply: a crash in between does it again, which finds the draft already stored and sends the preview again.
    /// </summary>
    private async Task<OutboxResult?> ImportAsync(OutboxRecord row, RecipientListJob job)
    {
        var reply = await recipientLists.ImportAsync(row.ChatId, job, _stopping);
        if (reply is null) return null;
        return ResultOf(row, await pipeline.SendAsync(row.ChatId, SendKind.Message, (bot, cancellationToken) => CallAsync(bot, row.ChatId, reply, cancellationToken), _stopping));
    }

    /// <summary>The call with its invitation links written out (the bot's username is asked once, here, never while handling updates).</summary>
    private async Task<OutboxCall> WithLinksAsync(OutboxCall call, CancellationToken cancellationToken)
    {
        if (call.StartLinks is not { Count: > 0 } links) return call;
        var username = await identity.UsernameAsync(cancellationToken);
        return call with { Text = call.Text + string.Concat(links.Select(link => "\n" + BotIdentity.Link(username, link))), StartLinks = null };
    }

    private static async Task<Message> SendPartAsync(ITelegramBotClient bot, long chatId, ReportPart part, CancellationToken cancellationToken)
    {
        if (part.Kind == ReportPartKind.Message) return await bot.SendMessage(chatId, part.Text!, cancellationToken: cancellationToken);
        // Every attempt opens the file afresh: a retry after a broken upload must send it from its first byte.
        await using var file = File.OpenRead(part.FilePath!);
        var upload = InputFile.FromStream(file, part.FileName);
        return part.Kind == ReportPartKind.Photo
            ? await bot.SendPhoto(chatId, upload, caption: part.Text, cancellationToken: cancellationToken)
            : await bot.SendDocument(chatId, upload, caption: part.Text, cancellationToken: cancellationToken);
    }

    private static SendKind KindOf(OutboxCall call) => call.Kind switch
    {
        OutboxCallKind.Send when call.Bulk => SendKind.Bulk,
        OutboxCallKind.Send or OutboxCallKind.Photo or OutboxCallKind.Report => SendKind.Message,
        OutboxCallKind.Edit => SendKind.Edit,
        OutboxCallKind.Leave => SendKind.Other,
        _ => SendKind.CallbackAnswer,
    };

    private static Task CallAsync(ITelegramBotClient bot, long chatId, OutboxCall call, CancellationToken cancellationToken) => call.Kind switch
    {
        OutboxCallKind.Send => bot.SendMessage(chatId, call.Text!, replyMarkup: Markup(call), cancellationToken: cancellationToken),
        OutboxCallKind.Edit => bot.EditMessageText(chatId, call.MessageId, call.Text!, replyMarkup: Markup(call), cancellationToken: cancellationToken),
        OutboxCallKind.Photo => SendPhotoAsync(bot, chatId, call, cancellationToken),
        OutboxCallKind.Leave => bot.LeaveChat(chatId, cancellationToken),
        _ => bot.AnswerCallbackQuery(call.CallbackQueryId!, call.Text, cancellationToken: cancellationToken),
    };

    /// <summary>Every attempt opens the picture afresh, so a retry after a broken upload sends it from its first byte.</summary>
    private static async Task SendPhotoAsync(ITelegramBotClient bot, long chatId, OutboxCall call, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(call.FilePath!);
        await bot.SendPhoto(chatId, InputFile.FromStream(file, Path.GetFileName(call.FilePath)), caption: call.Text, cancellationToken: cancellationToken);
    }

    private static InlineKeyboardMarkup? Markup(OutboxCall call) =>
        call.Buttons is { Count: > 0 } rows
            ? new InlineKeyboardMarkup(rows.Select(row => row.Select(b => InlineKeyboardButton.WithCallbackData(b.Text, b.Data))))
            : null;

    /// <summary>
    /// On PostgreSQL: claims the rows this instance may send (up to the room left under
    /// <see cref="TelegramOptions.MaxQueuedOutboxRows"/>), when nudged or every <see cref="ClaimPoll"/>, and renews the
    /// leases of the rows it holds, so a long call (a report) stays its own while a killed instance's rows pass to the
    /// other after <see cref="Lease"/>.
    /// </summary>
    private async Task ClaimAsync(CancellationToken stoppingToken)
    {
        var renewed = clock.GetUtcNow();
        while (true)
        {
            var room = Math.Min(1000, options.Value.MaxQueuedOutboxRows - Held);
            var claimed = 0;
            await using (var db = await databases.CreateDbContextAsync(stoppingToken))
            {
                var store = new OutboxStore(db);
                if (room > 0)
                {
                    var rows = await store.ClaimAsync(Owner, room, Lease, clock.GetUtcNow().UtcDateTime, stoppingToken);
                    claimed = rows.Count;
                    Hold(rows.Where(row => _claimed.TryAdd(row.Id, 0)));
                }
                if (clock.GetUtcNow() - renewed >= Lease / 3 && !_claimed.IsEmpty)
                {
                    await store.RenewClaimsAsync(Owner, clock.GetUtcNow().UtcDateTime + Lease, stoppingToken);
                    renewed = clock.GetUtcNow();
                }
            }
            if (room > 0 && claimed == room) continue;
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var nudged = _staged.Reader.WaitToReadAsync(wait.Token).AsTask();
            await Task.WhenAny(nudged, Task.Delay(ClaimPoll, clock, wait.Token));
            await wait.CancelAsync();
            stoppingToken.ThrowIfCancellationRequested();
            _staged.Reader.TryRead(out _);
        }
    }

    /// <summary>Records outcomes in batches; a batch whose commit fails (a lock, a full disk) is kept and written again until it lands, so no call is sent again after a restart for want of its mark.</summary>
    private async Task RecordAsync(CancellationToken stoppingToken)
    {
        var results = new List<OutboxResult>();
        var blocked = new HashSet<long>();
        try
        {
            while (await _done.Reader.WaitToReadAsync(stoppingToken))
            {
                results.Clear();
                blocked.Clear();
                while (results.Count < 1000 && _done.Reader.TryRead(out var done))
                {
                    results.Add(done.Result);
                    if (done.Result.Status == OutboxRecord.Blocked) blocked.Add(done.ChatId);
                }
                await supervisor.RetryAsync("Recording sent outbox calls", async cancellationToken =>
                {
                    await using var db = await databases.CreateDbContextAsync(cancellationToken);
                    await new OutboxStore(db).MarkAsync(results, clock.GetUtcNow().UtcDateTime, cancellationToken);
                    if (blocked.Count > 0) await new ContactStore(db).MarkBlockedAsync(blocked, cancellationToken);
                }, stoppingToken);
                // Only once the outcome is stored does the row leave memory's count: until then it is still this sender's.
                foreach (var result in results) _claimed.TryRemove(result.Id, out _);
                Interlocked.Add(ref _held, -results.Count);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
