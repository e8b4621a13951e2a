using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;

using SurveyBot.Testing.Postgres;

namespace SurveyBot.Storage.Tests.Postgres;

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
        var handled = new ConcurrentQueue<(string Processor, long Chat, long UpdateId)>();
        var received = 0;

        // Two receivers (webhook calls alternating between instances) store each round of updates, one round after the
        // other: a chat's next update comes once its previous one is stored, as the webhook answers only then.
        async Task ReceiveAsync()
        {
            var instances = new[] { database.Instance("receiver-a"), database.Instance("receiver-b") };
            for (var n = 0; n < perChat; n++)
            {
                await using var db = await instances[n % 2].CreateDbContextAsync();
                var page = Enumerable.Range(1, chats)
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
            var random = new Random(name.GetHashCode(StringComparison.Ordinal));
            var idle = 0;
            while (idle < 20)
            {
                List<long> waiting;
                await using (var db = await instance.CreateDbContextAsync())
                    waiting = await db.Inbox.Where(i => i.ProcessedAt == null).Select(i => i.ChatId).Distinct().ToListAsync();
                // A few chats at a time, as a processor's batch holds only some chats, so the two interleave.
                var mine = await locks.TryLockAsync([.. waiting.OrderBy(_ => random.Next()).Take(4)], CancellationToken.None);
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
                        handled.Enqueue((name, row.ChatId, row.UpdateId));
                        inbox.MarkProcessed(row.Id, DateTime.UtcNow, InboxStore.Digest(row.PayloadJson));
                        await Task.Yield();
                    }
                    await DirectSave.SaveAsync(db, CancellationToken.None);
                }
                await locks.UnlockAsync([.. mine], CancellationToken.None);
            }
        }

        await Task.WhenAll(
            Task.Run(ReceiveAsync),
            Task.Run(() => ProcessAsync("instance-a")), Task.Run(() => ProcessAsync("instance-b")));

        var all = handled.ToList();
        Assert.Equal(chats * perChat, all.Count);
        Assert.Equal(chats * perChat, all.Select(h => h.UpdateId).Distinct().Count());
        Assert.Equal(2, all.Select(h => h.Processor).Distinct().Count());
        foreach (var chat in all.GroupBy(h => h.Chat))
            Assert.Equal(Enumerable.Range(0, perChat).Select(n => chat.Key * 1000 + n), chat.Select(h => h.UpdateId));
    }

    [Fact]
    public async Task A_chat_held_by_an_instance_that_dies_is_free_as_soon_as_its_session_ends()
    {
        var database = new PostgresTestDatabase(fixture);
        var first = ChatLocks.Open(StorageProvider.Postgres, database.ConnectionString);
        await using var second = ChatLocks.Open(StorageProvider.Postgres, database.ConnectionString);

        Assert.Equal([7L, 8L], (await first.TryLockAsync([7, 8], CancellationToken.None)).Order());
        Assert.Equal([9L], await second.TryLockAsync([7, 8, 9], CancellationToken.None));
        await first.DisposeAsync(); // the session ends, as when the process is killed

        // The server lets go once it has seen the connection close: no lease to wait for, only that.
        var taken = await second.TryLockAsync([7, 8, 9], CancellationToken.None);
        for (var tries = 0; taken.Count < 3 && tries < 100; tries++)
        {
            await Task.Delay(100);
            taken = await second.TryLockAsync([7, 8, 9], CancellationToken.None);
        }
        Assert.Equal([7L, 8L, 9L], taken.Order());
    }
}
