using Microsoft.EntityFrameworkCore;
using SurveyBot.FakeBotApi;
using SurveyBot.Storage.Entities;
using SurveyBot.Telegram.Tests.Postgres;
using SurveyBot.Testing.Postgres;
using Xunit.Abstractions;

namespace SurveyBot.Telegram.Tests.Webhook;

/// <summary>
/// Two real instances on one PostgreSQL database and one running broadcast: both send it at once, each the recipients
/// it claimed, together within the bot's bulk rate (slots reserved in the database), so every recipient gets it once,
/// and when one instance is killed the other sends the rest once the killed one's claims run out, repeating at most
/// the calls that were in flight.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class TwoInstanceBroadcastTests(PostgresFixture fixture, ITestOutputHelper output) : IDisposable
{
    private const int Recipients = 200;
    private const long FirstChat = 86_000;
    private const long Staff = 85_999;
    private readonly string _folder = Directory.CreateTempSubdirectory("surveybot-two-broadcast-").FullName;

    [Fact]
    public async Task Both_instances_send_one_broadcast_together_within_the_bots_bulk_rate_each_recipient_once()
    {
        // Telegram's bulk limit, enforced for the bot as a whole: each instance pacing alone at 20/s would send 40/s.
        // The bot's rate is below the server's so that a stall of this loaded machine (the server stamping a backlog of
        // calls at one moment) does not by itself fill a second.
        await using var server = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { BulkRateLimitPerSecond = 30 });
        var database = new PostgresTestDatabase(fixture);
        const int many = 300;
        var shared = new Dictionary<string, string> { ["Storage__Provider"] = "postgres", ["Broadcast__Concurrency"] = "4", ["Broadcast__MessagesPerSecond"] = "20" };
        using var first = WebhookBot.Start(server, _folder, database.ConnectionString, shared);
        using var second = WebhookBot.Start(server, _folder, database.ConnectionString, shared);
        long id;
        try
        {
            await first.WaitUntilRegisteredAsync();
            await second.WaitUntilRegisteredAsync();
            id = await StartBroadcastAsync(database, many, createdBy: Staff);
            await WaitUntilCompletedAsync(database, id);
            // The finished notice goes to staff through the outbox, sent by whichever instance completed the broadcast.
            await server.WaitUntilAsync(() => server.Messages(Staff).Count > 0, TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        finally
        {
            output.WriteLine(first.Process.Output);
            output.WriteLine(second.Process.Output);
        }

        Assert.All(Enumerable.Range(0, many), i => Assert.Single(server.Messages(FirstChat + i)));
        Assert.Equal(0, server.TooManyRequestsCount);
        Assert.Single(server.Messages(Staff));
        await using var db = database.Open();
        var senders = await db.Deliveries.Where(d => d.BroadcastId == id).GroupBy(d => d.ClaimedBy).Select(g => new { Owner = g.Key, Count = g.Count() }).ToListAsync();
        output.WriteLine(string.Join(", ", senders.Select(s => $"{s.Owner}: {s.Count}")));
        Assert.Equal(many, await db.Deliveries.CountAsync(d => d.BroadcastId == id && d.Status == DeliveryRecord.Sent));
        Assert.Equal(2, senders.Count(s => s.Owner is not null && s.Count >= many / 10));
    }

    private static async Task<long> StartBroadcastAsync(PostgresTestDatabase database, int recipients, long createdBy = 0)
    {
        await using var db = database.Open();
        var broadcast = new BroadcastRecord { FlowId = "citizen", Audience = "all", Text = "설문 초대", Status = BroadcastRecord.Running, Materialized = true, CreatedBy = createdBy, CreatedAt = DateTime.UtcNow, StartedAt = DateTime.UtcNow };
        db.Broadcasts.Add(broadcast);
        await db.SaveChangesAsync();
        db.Deliveries.AddRange(Enumerable.Range(0, recipients).Select(i => new DeliveryRecord { BroadcastId = broadcast.Id, ChatId = FirstChat + i }));
        await db.SaveChangesAsync();
        return broadcast.Id;
    }

    private static async Task WaitUntilCompletedAsync(PostgresTestDatabase database, long id, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            await using (var db = database.Open())
                if (await db.Broadcasts.AnyAsync(b => b.Id == id && b.Status == BroadcastRecord.Completed)) return;
            Assert.True(DateTime.UtcNow < deadline, "the broadcast did not complete");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task A_broadcast_shared_by_two_instances_reaches_every_recipient_when_they_are_killed_repeating_at_most_the_calls_in_flight()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var database = new PostgresTestDatabase(fixture);
        // Slow sends (about 7 a second per instance) keep the broadcast running while both instances are up, while the
        // first restarts and when the second is killed with calls in flight and recipients claimed.
        server.DelayNext("sendMessage", 10_000, TimeSpan.FromMilliseconds(300));
        var shared = new Dictionary<string, string> { ["Storage__Provider"] = "postgres", ["Broadcast__Concurrency"] = "2" };
        using var first = WebhookBot.Start(server, _folder, database.ConnectionString, shared);
        using var second = WebhookBot.Start(server, _folder, database.ConnectionString, shared);
        try
        {
            await first.WaitUntilRegisteredAsync();
            await second.WaitUntilRegisteredAsync();
            var id = await StartBroadcastAsync(database, Recipients);

            // kill -9 the first (restarted: it gives back its own claims at once), then the second: the first sends the
            // second's claimed recipients once their lease runs out.
            await server.WaitUntilAsync(() => server.CallCount("sendMessage") >= Recipients / 8, TimeSpan.FromMinutes(1));
            first.Restart();
            await first.WaitUntilRegisteredAsync();
            var restarted = server.CallCount("sendMessage");
            await server.WaitUntilAsync(() => server.CallCount("sendMessage") >= restarted + 20, TimeSpan.FromMinutes(1));
            Assert.True(server.CallCount("sendMessage") < Recipients - 40, "the broadcast was nearly done before the second kill");
            second.KillNow();
            await WaitUntilCompletedAsync(database, id, TimeSpan.FromMinutes(3));
        }
        finally
        {
            output.WriteLine(first.Process.Output);
            output.WriteLine(second.Process.Output);
        }

        var counts = Enumerable.Range(0, Recipients).Select(i => server.Messages(FirstChat + i).Count).ToList();
        output.WriteLine($"{counts.Count(c => c == 2)} recipients got the broadcast twice");
        Assert.All(counts, count => Assert.InRange(count, 1, 2));
        // At most the calls in flight at each kill (Broadcast__Concurrency of them) are made again.
        Assert.True(counts.Count(c => c == 2) <= 4, $"{counts.Count(c => c == 2)} recipients got the broadcast twice");
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
