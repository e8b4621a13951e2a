using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SurveyBot.Flows;
using SurveyBot.Interviews;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace SurveyBot.Channels.Telegram;

/// <summary>
/// Handles stored updates. Chats are spread over a few shards by chat id, so one chat's updates are
/// handled in update-id order by one shard while other chats go on in parallel. A shard takes
/// whatever has queued up (up to a batch), handles it in one unit of work and commits once: the
/// answers, the progress, the calls to make and the inbox rows marked done land together.
/// </summary>
public sealed class UpdateProcessor(
    IDbContextFactory<SurveyDbContext> databases,
    FlowCatalog flows,
    UpdateHandler handler,
    OutboxSender sender,
    TimeProvider clock,
    TokenRedactor redactor,
    IOptions<TelegramOptions> options,
    ILogger<UpdateProcessor> logger) : BackgroundService
{
    private readonly Channel<InboxItem>[] _shards = Enumerable.Range(0, Math.Max(1, options.Value.ProcessorShards))
        .Select(_ => Channel.CreateUnbounded<InboxItem>(new UnboundedChannelOptions { SingleReader = true })).ToArray();

    private int _queued;

    /// <summary>Updates queued and not yet handled.</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>Queues updates just stored by the receiver.</summary>
    public void Enqueue(IEnumerable<InboxItem> items)
    {
        foreach (var item in items)
        {
            Interlocked.Increment(ref _queued);
            _shards[(int)((ulong)item.ChatId % (ulong)_shards.Length)].Writer.TryWrite(item);
        }
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
            var pending = await new InboxStore(db).PendingAsync(cancellationToken);
            Enqueue(pending.Select(row => new InboxItem(row.UpdateId, row.ChatId, JsonSerializer.Deserialize<Update>(row.PayloadJson, JsonBotAPI.Options)!)));
            if (pending.Count > 0) logger.LogInformation("Resuming {Count} stored updates", pending.Count);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_shards.Select(shard => Task.Run(() => RunShardAsync(shard.Reader, stoppingToken), stoppingToken)));

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
                try
                {
                    await ProcessBatchAsync(batch, stoppingToken);
                }
                finally
                {
                    Interlocked.Add(ref _queued, -batch.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever is not committed stays pending in the inbox.
        }
    }

    private async Task ProcessBatchAsync(List<InboxItem> batch, CancellationToken stoppingToken)
    {
        try
        {
            sender.Enqueue(await ProcessAsync(batch, stoppingToken));
            return;
        }
        catch (Exception error) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("A batch of {Count} updates failed ({Error}); handling them one by one", batch.Count, redactor.Describe(error));
        }
        // One by one, from what is still pending: a failing update is set aside with an apology,
        // and it never holds up the others.
        foreach (var item in batch)
        {
            try
            {
                sender.Enqueue(await ProcessAsync([item], stoppingToken));
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError("Update {UpdateId} could not be handled and is set aside: {Error}", item.UpdateId, redactor.Describe(error));
                sender.Enqueue(await SetAsideAsync(item, redactor.Describe(error), stoppingToken));
            }
        }
    }

    private async Task<List<OutboxRecord>> ProcessAsync(IReadOnlyList<InboxItem> items, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var inbox = new InboxStore(db);
        var outbox = new OutboxStore(db);
        var contacts = new ContactStore(db);
        var interviews = new InterviewService(new InterviewStore(db), flows, clock);
        var chats = items.Select(i => i.ChatId).Where(c => c != 0).Distinct().ToList();
        if (items.Count > 1) await interviews.PrefetchAsync(UpdateHandler.ChannelName, chats, cancellationToken);
        var context = new HandlingContext(interviews, contacts, await contacts.LoadAsync(chats, cancellationToken), now) { Eraser = new RespondentEraser(db), Database = db };
        var staged = new List<OutboxRecord>();
        foreach (var item in items)
        {
            foreach (var (chatId, calls) in OutboxPayload.Bundle(await handler.HandleAsync(item.Update, context, cancellationToken)))
                staged.Add(outbox.Stage(chatId, OutboxPayload.Write(calls), now));
            inbox.MarkProcessed(item.UpdateId, now);
        }
        await DirectSave.SaveAsync(db, cancellationToken);
        return staged;
    }

    private async Task<List<OutboxRecord>> SetAsideAsync(InboxItem item, string error, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        new InboxStore(db).MarkProcessed(item.UpdateId, now, error);
        var staged = new List<OutboxRecord>();
        var apology = item.Update.CallbackQuery is { } query
            ? new OutboxCall { Kind = OutboxCallKind.AnswerCallback, CallbackQueryId = query.Id, Text = TelegramReplies.Korean.SomethingWentWrong }
            : new OutboxCall { Kind = OutboxCallKind.Send, Text = TelegramReplies.Korean.SomethingWentWrong };
        if (item.ChatId != 0) staged.Add(new OutboxStore(db).Stage(item.ChatId, OutboxPayload.Write([apology]), now));
        await db.SaveChangesAsync(cancellationToken);
        return staged;
    }
}
