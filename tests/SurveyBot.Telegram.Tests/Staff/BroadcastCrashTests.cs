using Microsoft.EntityFrameworkCore;
using SurveyBot.FakeBotApi;
using SurveyBot.Storage.Entities;
using SurveyBot.Testing;
using Xunit.Abstractions;

namespace SurveyBot.Telegram.Tests.Staff;

/// <summary>
/// The bot runs as a child process and is killed with SIGKILL three times during a broadcast; after each restart the
/// broadcast resumes. Every contact must get the message, and only the calls in flight at a kill (at most
/// Broadcast:Concurrency per kill) may be repeated.
/// </summary>
public sealed class BroadcastCrashTests(ITestOutputHelper output)
{
    private const int Concurrency = 4;

    [Fact]
    public async Task Kills_mid_broadcast_resume_it_without_duplicates_beyond_the_calls_in_flight()
    {
        await using var server = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { GlobalRateLimitPerSecond = 100, RecordRequestBodies = false });
        using var database = new TestDatabase();
        var contacts = Enumerable.Range(0, 600).Select(i => 500_000L + i).ToList();
        await StaffSetup.SeedContactsAsync(database, contacts, ContactRecord.Active, DateTime.UtcNow);
        await using (var db = database.Open())
        {
            db.Invitations.Add(new InvitationRecord { Token = "crash-test-token", FlowId = "citizen", Source = "broadcast", CreatedAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddDays(1) });
            db.Broadcasts.Add(new BroadcastRecord
            {
                FlowId = "citizen",
                Audience = "all",
                Text = "설문 초대 (crash test)",
                StartParameter = "crash-test-token",
                Status = BroadcastRecord.Running,
                Paid = true,
                CreatedAt = DateTime.UtcNow,
                StartedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        var environment = new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = server.Token,
            ["Telegram__ApiBaseUrl"] = server.BaseUrl,
            ["Telegram__PollTimeoutSeconds"] = "1",
            ["Broadcast__PaidBroadcasts"] = "true",
            ["Broadcast__PaidMessagesPerSecond"] = "100",
            ["Broadcast__Concurrency"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ConnectionStrings__SurveyBot"] = database.ConnectionString,
            ["Logging__LogLevel__Default"] = "Warning",
        };

        var bot = BotProcess.Start(database.Folder, environment);
        var random = new Random(5);
        var kills = 0;
        int Received() => contacts.Count(c => server.Messages(c).Count > 0);
        try
        {
            while (kills < 3)
            {
                var target = Received() + random.Next(60, 160);
                await server.WaitUntilAsync(() => Received() >= target, TimeSpan.FromSeconds(60));
                bot.Kill();
                bot.Dispose();
                kills++;
                bot = BotProcess.Start(database.Folder, environment);
            }
            await server.WaitUntilAsync(() => Status(database) == BroadcastRecord.Completed, TimeSpan.FromSeconds(90));
        }
        finally
        {
            output.WriteLine(bot.Output);
            bot.Dispose();
        }

        var perChat = contacts.Select(c => server.Messages(c).Count).ToList();
        var duplicates = perChat.Sum(n => Math.Max(0, n - 1));
        output.WriteLine($"{kills} kills, {duplicates} duplicate messages, {server.TooManyRequestsCount} 429s");
        Assert.All(perChat, n => Assert.True(n >= 1));
        Assert.InRange(duplicates, 0, kills * Concurrency);
        await using var check = database.Open();
        Assert.Equal(contacts.Count, await check.Deliveries.CountAsync(d => d.Status == DeliveryRecord.Sent));
    }

    private static string Status(TestDatabase database)
    {
        using var db = database.Open();
        return db.Broadcasts.AsNoTracking().Single().Status;
    }
}
