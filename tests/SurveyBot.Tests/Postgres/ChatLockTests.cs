using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Tests.Postgres;

/// <summary>
/// Two processors on two sessions handle one PostgreSQL inbox that two receivers fill: each update is handled once,
/// and each chat's updates in the order they arrived, whichever instance received them.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class ChatLockTests(PostgresFixture fixture)
{
    [Fact]
    public async Task Two_processors_handle_every_update_once_and_each_chat_in_arrival_order()
    {
        var database = new PostgresTestDatabase(fixture);
        const int chats = 30, perChat = 20;
        var handled = new ConcurrentQueue<(string Processor, long Chat, long UpdateId, long InboxId)>();
        var received = 0;

        // Two receivers (webhook calls alternating between instances) store updates as they come.
        async Task ReceiveAsync(int parity)
        {
            var instance = database.Instance($"receiver-{parity}");
            for (var n = 0; n < perChat; n++)
            {
                await using var db = await instance.CreateDbContextAsync();
                var page = Enumerable.Range(1, chats).Where(c => (c + n) % 2 == parity)
                    .Select(c => new InboxRecord { UpdateId = c * 1000 + n, ChatId = c, PayloadJson = $"{{\"n\":{n}}}", ReceivedAt = DateTime.UtcNow }).ToList();
                await new InboxStore(db).AppendAsync(page, CancellationToken.None);
                Interlocked.Add(ref received, page.Count);
                await Task.Delay(2);
            }
        }

        async Task ProcessAsync(string name)
        {
            await using var locks = ChatLocks.Open(StorageProvider.Postgres, database.ConnectionString);
            var instance = database.Instance(name);
            var idle = 0;
            while (idle < 20)
            {
                List<long> waiting;
                await using (var db = await instance.CreateDbContextAsync())
                    waiting = await db.Inbox.Where(i => i.ProcessedAt == null).Select(i => i.ChatId).Distinct().ToListAsync();
                var mine = await locks.TryLockAsync(waiting, CancellationToken.None);
                if (mine.Count == 0)
                {
                    if (Volatile.Read(ref received) == chats * perChat) idle++;
                    await Task.Delay(5);
                    continue;
                }
                idle = 0;
                await using (var db = await instance.CreateDbContextAsync())
                {
                    var inbox = new InboxStore(db);
                    // Read after taking the chats: what the previous holder committed is seen.
                    foreach (var row in await inbox.PendingOfChatsAsync([.. mine], CancellationToken.None))
                    {
                        handled.Enqueue((name, row.ChatId, row.UpdateId, row.Id));
                        inbox.MarkProcessed(row.Id, DateTime.UtcNow, InboxStore.Digest(row.PayloadJson));
                        await Task.Yield();
                    }
                    await DirectSave.SaveAsync(db, CancellationToken.None);
                }
                await locks.UnlockAsync([.. mine], CancellationToken.None);
            }
        }

        await Task.WhenAll(
            Task.Run(() => ReceiveAsync(0)), Task.Run(() => ReceiveAsync(1)),
            Task.Run(() => ProcessAsync("instance-a")), Task.Run(() => ProcessAsync("instance-b")));

        var all = handled.ToList();
        Assert.Equal(chats * perChat, all.Count);
        Assert.Equal(chats * perChat, all.Select(h => h.UpdateId).Distinct().Count());
        Assert.Equal(2, all.Select(h => h.Processor).Distinct().Count());
        // Arrival order is the inbox's (the two receivers race, so a chat's updates may be stored out of their numbering).
        foreach (var chat in all.GroupBy(h => h.Chat))
        {
            Assert.Equal(perChat, chat.Count());
            var arrived = chat.Select(h => h.InboxId).ToList();
            Assert.Equal(arrived.Order(), arrived);
        }
    }

    [Fact]
    public async Task A_chat_held_by_an_instance_that_dies_is_free_at_once()
    {
        var database = new PostgresTestDatabase(fixture);
        var first = ChatLocks.Open(StorageProvider.Postgres, database.ConnectionString);
        await using var second = ChatLocks.Open(StorageProvider.Postgres, database.ConnectionString);

        Assert.Equal([7L, 8L], (await first.TryLockAsync([7, 8], CancellationToken.None)).Order());
        Assert.Equal([9L], await second.TryLockAsync([7, 8, 9], CancellationToken.None));
        await first.DisposeAsync(); // the session ends, as when the process is killed

        Assert.Equal([7L, 8L, 9L], (await second.TryLockAsync([7, 8, 9], CancellationToken.None)).Order());
    }
}
