using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SurveyBot.Conversation;
using SurveyBot.Flows;
using SurveyBot.Interviews;
using SurveyBot.Retention;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;
using SurveyBot.Supervision;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace SurveyBot.Channels.Telegram;

/// <summary>
/// Handles stored updates. Chats are spread over a few shards by chat id, so one chat's updates are
/// handled in the order they arrived by one shard while other chats go on in parallel. A shard takes
/// whatever has queued up (up to a batch), handles it in one unit of work and commits once: the
/// answers, the progress, the calls to make and the inbox rows marked done land together.
/// </summary>
public sealed class UpdateProcessor(
    IDbContextFactory<SurveyDbContext> databases,
    FlowCatalog flows,
    ConversationHandler conversation,
    OutboxSender sender,
    WalPurger purger,
    TimeProvider clock,
    TokenRedactor redactor,
    LoopSupervisor supervisor,
    IOptions<TelegramOptions> options,
    ILogger<UpdateProcessor> logger) : BackgroundService
{
    /// <summary>How often the inbox is checked for updates stored but not queued (replayed by an operator, or dropped by a failed loop).</summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The sweep's interval on PostgreSQL. Another instance may store a chat's update while this one holds the chat (or
    /// this one may be handed an update while the other holds it): the instance not holding the chat lets its copy go,
    /// and the holder's next sweep picks the row up. So this bounds the extra wait of such an update.
    /// </summary>
    private static readonly TimeSpan SharedSweepInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

    /// <summary>Updates queued and not yet committed, so the sweep does not queue them again.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte> _queued = new();

    private readonly Channel<InboxItem>[] _shards = Enumerable.Range(0, Math.Max(1, options.Value.ProcessorShards))
        .Select(_ => Channel.CreateUnbounded<InboxItem>(new UnboundedChannelOptions { SingleReader = true })).ToArray();

    /// <summary>Set at start on PostgreSQL, where other instances may share the database: a chat is handled only under its lock.</summary>
    private ChatLocks? _chatLocks;

    /// <summary>Updates queued and not yet handled.</summary>
    public int Queued => _queued.Count;

    /// <summary>Queues updates just stored by the receiver.</summary>
    public void Enqueue(IEnumerable<InboxItem> items)
    {
        // Once only: the receiver and the sweep may both find a row just stored (the soak met that: one batch held
        // the same row twice, and its commit failed).
        foreach (var item in items)
            if (_queued.TryAdd(item.InboxId, 0))
                _shards[(int)((ulong)item.ChatId % (ulong)_shards.Length)].Writer.TryWrite(item);
    }

    /// <summary>
    /// Waits while <see cref="TelegramOptions.MaxQueuedUpdates"/> updates are queued: the receiver asks before each poll,
    /// so when handling falls behind, updates wait unconfirmed at Telegram instead of in memory.
    /// </summary>
    public async Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        var limit = Math.Max(1, options.Value.MaxQueuedUpdates);
        while (Queued >= limit) await Task.Delay(RoomPoll, clock, cancellationToken);
    }

    private static readonly TimeSpan RoomPoll = TimeSpan.FromMilliseconds(20);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Updates stored before a stop but not handled are handled first, in order.
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            if (SurveyDatabase.ProviderOf(db) == StorageProvider.Postgres)
                _chatLocks = ChatLocks.Open(StorageProvider.Postgres, db.Database.GetConnectionString()!);
            var pending = await new InboxStore(db).PendingAsync(cancellationToken);
            Enqueue(pending.Select(ItemOf));
            if (pending.Count > 0) logger.LogInformation("Resuming {Count} stored updates", pending.Count);
        }
        await base.StartAsync(cancellationToken);
    }

    private static InboxItem ItemOf(InboxRecord row) => new(row.Id, row.UpdateId, row.ChatId, JsonSerializer.Deserialize<Update>(row.PayloadJson, JsonBotAPI.Options)!, InboxStore.Digest(row.PayloadJson));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = _shards.Select((shard, index) => Task.Run(() => supervisor.RunAsync($"Update processor shard {index}", token => RunShardAsync(shard.Reader, token), stoppingToken), stoppingToken))
            .Append(Task.Run(() => supervisor.RunAsync("Inbox sweep", SweepAsync, stoppingToken), stoppingToken)).ToList();
        // A loop only ends at the stop or on a fatal error; the latter must fault this service at once, not wait for the others.
        await await Task.WhenAny(loops);
        await Task.WhenAll(loops);
    }

    private async Task RunShardAsync(ChannelReader<InboxItem> reader, CancellationToken stoppingToken)
    {
        var batch = new List<InboxItem>();
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                // The outbox rows this batch stages must have room first (see TelegramOptions.MaxQueuedOutboxRows).
                await sender.WaitForRoomAsync(stoppingToken);
                batch.Clear();
                while (batch.Count < options.Value.MaxBatch && reader.TryRead(out var item)) batch.Add(item);
                await ProcessBatchAsync(batch, stoppingToken);
                foreach (var item in batch) _queued.TryRemove(item.InboxId, out _);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever is not committed stays pending in the inbox.
        }
        finally
        {
            // A batch a failed loop let go of is still pending in the inbox: the sweep queues it again.
            foreach (var item in batch) _queued.TryRemove(item.InboxId, out _);
        }
    }

    /// <summary>
    /// Queues inbox rows that are pending but in no queue: updates an operator replayed (<c>set-aside replay</c>) and
    /// any that a failed loop let go of. Handling skips an update already handled, so one queued twice is harmless.
    /// </summary>
    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            await Task.Delay(_chatLocks is null ? SweepInterval : SharedSweepInterval, clock, stoppingToken);
            // What was queued before the read: a row handled and let go of while the read ran is pending in what it
            // returns, yet in no queue; only a row queued neither before nor after is lost.
            var queuedBefore = _queued.Keys.ToHashSet();
            List<InboxRecord> pending;
            await using (var db = await databases.CreateDbContextAsync(stoppingToken))
                pending = await new InboxStore(db).PendingAsync(stoppingToken);
            var lost = pending.Where(row => !queuedBefore.Contains(row.Id) && !_queued.ContainsKey(row.Id)).ToList();
            // A sweep that finds nothing leaves no other trace; this says it ran.
            logger.LogDebug("Inbox sweep: {Lost} of {Pending} pending updates were in no queue", lost.Count, pending.Count);
            if (lost.Count == 0) continue;
            logger.LogInformation("Queuing {Count} stored updates that were not queued (replayed or left by a failure)", lost.Count);
            Enqueue(lost.Select(ItemOf));
        }
    }

    /// <summary>
    /// Handles a batch in one unit of work. A transient storage error (a lock held elsewhere, a full disk) is waited
    /// out: the same batch is tried again, with a growing pause, for as long as it lasts; the respondents only wait.
    /// Any other error means something in the batch cannot be handled: its updates are tried one by one, and only an
    /// update that fails again on its own, twice, is set aside with an apology, so it never holds up the others.
    /// </summary>
    private async Task ProcessBatchAsync(List<InboxItem> batch, CancellationToken stoppingToken)
    {
        var error = await TryProcessAsync(batch, stoppingToken);
        if (error is null) return;
        logger.LogWarning("A batch of {Count} updates failed ({Error}); handling them one by one", batch.Count, error);
        foreach (var item in batch)
        {
            error = await TryProcessAsync([item], stoppingToken);
            if (error is null) continue;
            await Task.Delay(FirstPause, clock, stoppingToken);
            error = await TryProcessAsync([item], stoppingToken);
            if (error is null) continue;
            logger.LogError("Update {UpdateId} could not be handled and is set aside: {Error}", item.UpdateId, error);
            var reason = error;
            sender.Enqueue(await supervisor.RetryAsync("Setting an update aside", token => SetAsideAsync(item, reason, token), stoppingToken));
        }
    }

    /// <summary>Handles and commits <paramref name="items"/>, waiting out transient storage errors; returns the error that stopped it, or null once committed.</summary>
    private async Task<string?> TryProcessAsync(IReadOnlyList<InboxItem> items, CancellationToken stoppingToken)
    {
        var pause = FirstPause;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                sender.Enqueue(await ProcessAsync(items, stoppingToken));
                if (attempt > 1) logger.LogInformation("{Count} updates handled after {Attempts} attempts: storage is available again", items.Count, attempt);
                return null;
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested && !LoopSupervisor.IsFatal(error) && StorageFaults.IsTransient(error))
            {
                logger.LogWarning("Storage unavailable while handling {Count} updates (attempt {Attempt}); waiting {Pause} ms: {Error}", items.Count, attempt, pause.TotalMilliseconds, redactor.Describe(error));
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested && !LoopSupervisor.IsFatal(error))
            {
                return redactor.Describe(error);
            }
            await Task.Delay(pause, clock, stoppingToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    private async Task<List<OutboxRecord>> ProcessAsync(IReadOnlyList<InboxItem> items, CancellationToken cancellationToken)
    {
        if (_chatLocks is null) return await ProcessUnlockedAsync(items, cancellationToken);
        // Only the chats no other instance holds; their pending rows are read after taking them, so whichever instance
        // stored an update, the holder handles the chat's updates in the order they were stored and sees what the
        // previous holder committed. An update of a chat held elsewhere is let go of: the holder's sweep finds it.
        var granted = await _chatLocks.TryLockAsync(items.Select(i => i.ChatId).Distinct().ToList(), cancellationToken);
        if (granted.Count == 0) return [];
        try
        {
            List<InboxRecord> pending;
            await using (var db = await databases.CreateDbContextAsync(cancellationToken))
                pending = await new InboxStore(db).PendingOfChatsAsync(granted.ToList(), cancellationToken);
            return pending.Count == 0 ? [] : await ProcessUnlockedAsync(pending.Select(ItemOf).ToList(), cancellationToken);
        }
        finally
        {
            await UnlockAsync(granted);
        }
    }

    /// <summary>Lets other instances take the chats; a failure here loses the lock session, and every lock with it, which hands them over as well.</summary>
    private async Task UnlockAsync(IReadOnlySet<long> chats)
    {
        try
        {
            await _chatLocks!.UnlockAsync(chats.ToList(), CancellationToken.None);
        }
        catch (Exception error) when (!LoopSupervisor.IsFatal(error))
        {
            logger.LogWarning("Chat locks could not be released; their session is closed instead: {Error}", redactor.Describe(error));
        }
    }

    private async Task<List<OutboxRecord>> ProcessUnlockedAsync(IReadOnlyList<InboxItem> items, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var inbox = new InboxStore(db);
        // An update queued twice (by the sweep beside the receiver, or replayed while queued) is handled once.
        var handled = await inbox.HandledAmongAsync(items.Select(i => i.InboxId).ToList(), cancellationToken);
        if (handled.Count > 0) items = items.Where(i => !handled.Contains(i.InboxId)).ToList();
        if (items.Count == 0) return [];
        var now = clock.GetUtcNow().UtcDateTime;
        var outbox = new OutboxStore(db);
        var contacts = new ContactStore(db);
        var interviews = new InterviewService(new InterviewStore(db), flows, clock);
        var chats = items.Select(i => i.ChatId).Where(c => c != 0).Distinct().ToList();
        if (items.Count > 1) await interviews.PrefetchAsync(ConversationHandler.ChannelName, chats, cancellationToken);
        var context = new HandlingContext(interviews, contacts, await contacts.LoadAsync(chats, cancellationToken), now) { Eraser = new RespondentEraser(db), Database = db };
        var staged = new List<OutboxRecord>();
        foreach (var item in items)
        {
            if (UpdateMapper.ToInput(item.Update) is { } input)
            {
                foreach (var (chatId, calls) in OutboxPayload.Bundle(await conversation.HandleAsync(input, context, cancellationToken)))
                    staged.Add(outbox.Stage(chatId, OutboxPayload.Write(calls), now));
            }
            inbox.MarkProcessed(item.InboxId, now, item.Digest);
        }
        foreach (var item in items.Where(i => context.ErasedChats.Contains(i.ChatId))) inbox.ForgetChat(item.InboxId);
        await DirectSave.SaveAsync(db, cancellationToken);
        if (context.ErasedChats.Count > 0) purger.Request();
        return staged;
    }

    private async Task<List<OutboxRecord>> SetAsideAsync(InboxItem item, string error, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        new InboxStore(db).MarkProcessed(item.InboxId, now, item.Digest, error);
        var staged = new List<OutboxRecord>();
        var apology = item.Update.CallbackQuery is { } query
            ? new OutboxCall { Kind = OutboxCallKind.AnswerCallback, CallbackQueryId = query.Id, Text = ConversationReplies.Korean.SomethingWentWrong }
            : new OutboxCall { Kind = OutboxCallKind.Send, Text = ConversationReplies.Korean.SomethingWentWrong };
        if (item.ChatId != 0) staged.Add(new OutboxStore(db).Stage(item.ChatId, OutboxPayload.Write([apology]), now));
        await db.SaveChangesAsync(cancellationToken);
        return staged;
    }
}
