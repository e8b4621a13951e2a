using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace SurveyBot.Channels.Telegram;

/// <summary>
/// Stores received updates in the inbox and hands the new ones to the processor: the one way in, whether the updates
/// were polled or posted to the webhook, so both keep the same payloads, the same duplicate rule and the same sync.
/// </summary>
public sealed class InboxWriter(IDbContextFactory<SurveyDbContext> databases, UpdateProcessor processor, TimeProvider clock, IOptions<TelegramOptions> options)
{
    /// <summary>Telegram.Bot's own settings, writing Korean text as UTF-8 (see <see cref="StoredJson"/>).</summary>
    private static readonly JsonSerializerOptions StoredUpdates = StoredJson.With(JsonBotAPI.Options);

    /// <summary>
    /// Commits <paramref name="updates"/> in one transaction (synced to disk when <see cref="TelegramOptions.DurableInbox"/>
    /// is on) and queues those not stored before; returns how many were new. When it returns, every update is on disk, so
    /// it may be confirmed to Telegram; when it throws, none is queued and the caller must not confirm any.
    /// </summary>
    public async Task<int> StoreAsync(IReadOnlyList<Update> updates, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Only what the bot acts on is kept, and the bot acts on what is kept (see UpdateMinimizer).
        var minimized = updates.Select(UpdateMinimizer.Minimize).ToArray();
        var rows = minimized.Select(u => new InboxRecord
        {
            UpdateId = u.Id,
            ChatId = UpdateMapper.ChatOf(u),
            PayloadJson = JsonSerializer.Serialize(u, StoredUpdates),
            ReceivedAt = now,
        }).ToList();
        List<InboxRecord> added;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
            added = await new InboxStore(db).AppendAsync(rows, cancellationToken, options.Value.DurableInbox);
        processor.Enqueue(added.Select(row => new InboxItem(row.Id, row.UpdateId, row.ChatId, minimized[rows.IndexOf(row)], InboxStore.Digest(row.PayloadJson))));
        return added.Count;
    }
}
