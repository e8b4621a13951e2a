using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;

using SurveyBot.Testing.Postgres;

namespace SurveyBot.Storage.Tests.Postgres;

/// <summary>
/// Two senders on two connections drain one PostgreSQL outbox at once: every call is made exactly once, each chat's
/// calls in the order they were staged, and a sender that dies holding claims has them taken over when the lease runs out.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class OutboxClaimTests(PostgresFixture fixture)
{
    private static readonly DateTime Start = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);

    private static async Task StageAsync(PostgresTestDatabase database, int chats, int perChat)
    {
        await using var db = database.Open();
        var store = new OutboxStore(db);
        // Interleaved as replies to many people are: chat 1, chat 2, ..., chat 1, chat 2, ...
        for (var round = 0; round < perChat; round++)
            for (var chat = 1; chat <= chats; chat++)
                store.Stage(chat, $"{{\"chat\":{chat},\"n\":{round}}}", Start);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Two_senders_make_each_of_two_thousand_calls_once_and_each_chat_in_order()
    {
        var database = new PostgresTestDatabase(fixture);
        await StageAsync(database, chats: 200, perChat: 10);
        var made = new ConcurrentQueue<(string Sender, long Id, long Chat)>();

        async Task SendAsync(string sender)
        {
            var instance = database.Instance(sender);
            var idle = 0;
            while (idle < 3)
            {
                await using var db = await instance.CreateDbContextAsync();
                var store = new OutboxStore(db);
                var claimed = await store.ClaimAsync(sender, 50, TimeSpan.FromMinutes(5), DateTime.UtcNow, CancellationToken.None);
                if (claimed.Count == 0)
                {
                    idle++;
                    await Task.Delay(20);
                    continue;
                }
                idle = 0;
                // A claim takes at most its limit: the sender holds no more rows in memory than it asked for.
                Assert.InRange(claimed.Count, 1, 50);
                foreach (var call in claimed) made.Enqueue((sender, call.Id, call.ChatId));
                await store.MarkAsync([.. claimed.Select(c => new OutboxResult(c.Id, OutboxRecord.Sent, null))], DateTime.UtcNow, CancellationToken.None);
            }
        }

        await Task.WhenAll(Task.Run(() => SendAsync("instance-a")), Task.Run(() => SendAsync("instance-b")));

        var calls = made.ToList();
        Assert.Equal(2000, calls.Count);
        Assert.Equal(2000, calls.Select(c => c.Id).Distinct().Count());
        Assert.All(calls.GroupBy(c => c.Sender), g => Assert.InRange(g.Count(), 1, 1999));
        foreach (var chat in calls.GroupBy(c => c.Chat))
        {
            var ids = chat.Select(c => c.Id).ToList();
            Assert.Equal(ids.Order(), ids);
        }
        await using var check = database.Open();
        Assert.Equal(2000, await check.Outbox.CountAsync(o => o.Status == OutboxRecord.Sent));
    }

    [Fact]
    public async Task Calls_claimed_by_a_dead_sender_wait_for_its_lease_and_only_they_are_made_again()
    {
        var database = new PostgresTestDatabase(fixture);
        await StageAsync(database, chats: 4, perChat: 2);
        await using var db = database.Open();
        var store = new OutboxStore(db);

        var dead = await store.ClaimAsync("instance-a", 3, TimeSpan.FromSeconds(30), Start, CancellationToken.None);
        var meanwhile = await store.ClaimAsync("instance-b", 100, TimeSpan.FromSeconds(30), Start.AddSeconds(10), CancellationToken.None);
        var afterLease = await store.ClaimAsync("instance-b", 100, TimeSpan.FromSeconds(30), Start.AddSeconds(31), CancellationToken.None);

        Assert.Equal([1, 2, 3], dead.Select(c => c.ChatId));
        // Chat 4's first call only: chats 1-3 wait behind the dead sender's calls, and a chat's second call behind its first.
        Assert.Equal([4], meanwhile.Select(c => c.ChatId));
        Assert.Equal(dead.Select(c => c.Id), afterLease.Select(c => c.Id).Where(dead.Select(d => d.Id).Contains));
        Assert.DoesNotContain(afterLease, c => meanwhile.Any(m => m.Id == c.Id));
    }
}
