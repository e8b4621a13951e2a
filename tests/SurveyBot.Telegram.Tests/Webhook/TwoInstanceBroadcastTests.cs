using Microsoft.EntityFrameworkCore;
using SurveyBot.FakeBotApi;
using SurveyBot.Storage.Entities;
using SurveyBot.Telegram.Tests.Postgres;
using SurveyBot.Testing.Postgres;
using Xunit.Abstractions;

namespace SurveyBot.Telegram.Tests.Webhook;

/// <summary>
/// Two real instances on one PostgreSQL database and one running broadcast: one instance at a time sends it, so every
/// recipient gets it once, and when that instance is killed the other takes the broadcast over at once and sends the
/// rest, repeating at most the calls that were in flight.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class TwoInstanceBroadcastTests(PostgresFixture fixture, ITestOutputHelper output) : IDisposable
{
    private const int Recipients = 60;
    private const long FirstChat = 86_000;
    private readonly string _folder = Directory.CreateTempSubdirectory("surveybot-two-broadcast-").FullName;

    [Fact]
    public async Task A_broadcast_running_on_two_instances_reaches_each_recipient_once_and_survives_a_kill()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var database = new PostgresTestDatabase(fixture);
        // Slow sends keep the broadcast running while both instances are up and one of them is killed.
        server.DelayNext("sendMessage", 10_000, TimeSpan.FromMilliseconds(150));
        var shared = new Dictionary<string, string> { ["Storage__Provider"] = "postgres", ["Broadcast__Concurrency"] = "2" };
        using var first = WebhookBot.Start(server, _folder, database.ConnectionString, shared);
        using var second = WebhookBot.Start(server, _folder, database.ConnectionString, shared);
        long id;
        try
        {
            await first.WaitUntilRegisteredAsync();
            await second.WaitUntilRegisteredAsync();
            await using (var db = database.Open())
            {
                var broadcast = new BroadcastRecord { FlowId = "citizen", Audience = "all", Text = "설문 초대", Status = BroadcastRecord.Running, Materialized = true, CreatedAt = DateTime.UtcNow, StartedAt = DateTime.UtcNow };
                db.Broadcasts.Add(broadcast);
                await db.SaveChangesAsync();
                id = broadcast.Id;
                db.Deliveries.AddRange(Enumerable.Range(0, Recipients).Select(i => new DeliveryRecord { BroadcastId = id, ChatId = FirstChat + i }));
                await db.SaveChangesAsync();
            }

            // kill -9 the first, then (restarted) the second: whichever ran the broadcast died holding it at least once,
            // and the instance left must take it over and finish it.
            await server.WaitUntilAsync(() => server.CallCount("sendMessage") >= Recipients / 4, TimeSpan.FromMinutes(1));
            first.Restart();
            await first.WaitUntilRegisteredAsync();
            await server.WaitUntilAsync(() => server.CallCount("sendMessage") >= Recipients / 2, TimeSpan.FromMinutes(1));
            second.KillNow();
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (true)
            {
                await using (var db = database.Open())
                    if (await db.Broadcasts.AnyAsync(b => b.Id == id && b.Status == BroadcastRecord.Completed)) break;
                Assert.True(DateTime.UtcNow < deadline, "the broadcast did not complete");
                await Task.Delay(200);
            }
        }
        finally
        {
            output.WriteLine(first.Process.Output);
            output.WriteLine(second.Process.Output);
        }

        var counts = Enumerable.Range(0, Recipients).Select(i => server.Messages(FirstChat + i).Count).ToList();
        Assert.All(counts, count => Assert.InRange(count, 1, 2));
        // At most the calls in flight at each kill (Broadcast__Concurrency of them) are made again.
        Assert.True(counts.Count(c => c == 2) <= 4, $"{counts.Count(c => c == 2)} recipients got the broadcast twice");
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
