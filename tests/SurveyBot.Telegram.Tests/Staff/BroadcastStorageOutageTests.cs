using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SurveyBot.FakeBotApi;
using SurveyBot.Storage.Entities;
using SurveyBot.Testing;
using Xunit.Abstractions;

namespace SurveyBot.Telegram.Tests.Staff;

/// <summary>
/// The real bot process broadcasting while another process holds a write transaction on the database, so every
/// delivery commit fails for half a minute. Staff send <c>/broadcast cancel</c> meanwhile. The broadcast must stop
/// (the rest stay unsent, nobody gets it twice), the staff member is told, and the broadcast sender must go on to the
/// next broadcast: no worker died and nothing waits forever.
/// </summary>
public sealed class BroadcastStorageOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_cancel_during_a_write_lock_stops_the_broadcast_and_the_next_broadcast_still_goes_out()
    {
        await using var server = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { RecordRequestBodies = false });
        using var database = new TestDatabase();
        var contacts = Enumerable.Range(0, 200).Select(i => 610_000L + i).ToList();
        await StaffSetup.SeedContactsAsync(database, contacts, ContactRecord.Active, DateTime.UtcNow);
        await AddBroadcastAsync(database, "설문 초대 (첫 번째)");
        var environment = new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = server.Token,
            ["Telegram__ApiBaseUrl"] = server.BaseUrl,
            ["Telegram__PollTimeoutSeconds"] = "1",
            ["Broadcast__MessagesPerSecond"] = "10",
            ["Broadcast__Concurrency"] = "4",
            ["Access__Staff__0"] = StaffSetup.StaffChat.ToString(CultureInfo.InvariantCulture),
            ["ConnectionStrings__SurveyBot"] = database.ConnectionString,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        int Received(string text) => contacts.Count(c => server.Messages(c).Any(m => m.Text.Contains(text, StringComparison.Ordinal)));

        using var bot = BotProcess.Start(database.Folder, environment);
        try
        {
            await server.WaitUntilAsync(() => Received("첫 번째") >= 20, TimeSpan.FromSeconds(90));
            await using (await SqliteWriteLock.HoldAsync(database.Path))
            {
                server.SendText(StaffSetup.StaffChat, "/broadcast cancel");
                await Task.Delay(TimeSpan.FromSeconds(30));
                Assert.False(bot.HasExited, "the bot is still running while the lock is held");
            }

            await server.WaitForMessageAsync(StaffSetup.StaffChat, m => m.Text.Contains("중단했습니다", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
            Assert.Equal(BroadcastRecord.Cancelled, await StatusAsync(database, 1));
            // Calls in flight at the cancel may still land; after that nothing more goes out.
            await Task.Delay(TimeSpan.FromSeconds(3));
            var atCancel = Received("첫 번째");
            await Task.Delay(TimeSpan.FromSeconds(5));
            Assert.Equal(atCancel, Received("첫 번째"));
            Assert.True(atCancel < contacts.Count, $"the rest stay unsent ({atCancel} of {contacts.Count} got it)");

            // The sender was not left waiting on a dead worker or a full queue: the next broadcast goes out in full.
            await AddBroadcastAsync(database, "설문 초대 (두 번째)");
            await server.WaitUntilAsync(() => Received("두 번째") == contacts.Count, TimeSpan.FromSeconds(120));
            await server.WaitUntilAsync(() => StatusAsync(database, 2).GetAwaiter().GetResult() == BroadcastRecord.Completed, TimeSpan.FromSeconds(60));
            Assert.False(bot.HasExited, "the bot recovered without a restart");
        }
        finally
        {
            var log = bot.Output;
            output.WriteLine(log.Length > 30_000 ? log[..15_000] + "\n...\n" + log[^15_000..] : log);
        }

        Assert.All(contacts, c => Assert.True(server.Messages(c).Count(m => m.Text.Contains("첫 번째", StringComparison.Ordinal)) <= 1, $"chat {c} got the first broadcast twice"));
        Assert.All(contacts, c => Assert.Equal(1, server.Messages(c).Count(m => m.Text.Contains("두 번째", StringComparison.Ordinal))));
    }

    private static async Task AddBroadcastAsync(TestDatabase database, string text)
    {
        await using var db = database.Open();
        var token = "outage-" + Guid.NewGuid().ToString("N")[..12];
        db.Invitations.Add(new InvitationRecord { Token = token, FlowId = "citizen", Source = "broadcast", CreatedAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddDays(1) });
        db.Broadcasts.Add(new BroadcastRecord
        {
            FlowId = "citizen",
            Audience = "all",
            Text = text,
            StartParameter = token,
            Status = BroadcastRecord.Running,
            CreatedAt = DateTime.UtcNow,
            StartedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    private static async Task<string> StatusAsync(TestDatabase database, long id)
    {
        await using var db = database.Open();
        return await db.Broadcasts.AsNoTracking().Where(b => b.Id == id).Select(b => b.Status).SingleAsync();
    }
}
