using System.Net;
using Microsoft.EntityFrameworkCore;
using SurveyBot.FakeBotApi;
using SurveyBot.FakeBotApi.Respondents;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;
using Xunit.Abstractions;

namespace SurveyBot.Telegram.Tests.Webhook;

/// <summary>
/// The real program in webhook mode: the loopback Bot API posts each update to the bot's listener, as Telegram does, and
/// the tests check what the respondent sees and what lands in the inbox.
/// </summary>
public sealed class WebhookDeliveryTests(ITestOutputHelper output) : IDisposable
{
    private const string Closing = "지금까지 응답해주셔서 진심으로 감사드립니다";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly TestDatabase _database = new();

    [Fact]
    public async Task A_citizen_interview_delivered_by_webhook_stores_exactly_the_answers_given()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        using var bot = WebhookBot.Start(server, _database.Folder, _database.ConnectionString);
        try
        {
            await bot.WaitUntilRegisteredAsync();
            var respondent = new SimulatedRespondent(server, 81_001, seed: 7, m => m.Text.Contains(Closing))
            {
                Patience = TimeSpan.FromSeconds(5),
                Deadline = TimeSpan.FromMinutes(4),
            };
            await respondent.RunAsync();

            await using var db = _database.Open();
            await InputReplay.AssertStoredExactlyAsync(db, [respondent]);
            Assert.Equal("completed", await db.Respondents.Where(r => r.ChatId == 81_001).Select(r => r.Status).SingleAsync());
            // Every update came by webhook, each answered 200 once; nothing was polled.
            Assert.Equal(0, server.CallCount("getUpdates"));
            var delivered = server.WebhookCalls.Where(c => c.StatusCode == 200).Select(c => c.UpdateId).ToList();
            Assert.Equal(respondent.Sent.Count, delivered.Count);
            Assert.Equal(delivered.Count, delivered.Distinct().Count());
        }
        finally
        {
            output.WriteLine(bot.Process.Output);
        }
    }

    [Fact]
    public async Task The_start_registers_the_webhook_with_the_secret_and_a_polling_start_deletes_it()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        using (var bot = WebhookBot.Start(server, _database.Folder, _database.ConnectionString, new Dictionary<string, string> { ["Telegram__WebhookMaxConnections"] = "12" }))
        {
            await bot.WaitUntilRegisteredAsync();
            Assert.Equal(bot.Url, server.WebhookUrl);
            Assert.Equal(WebhookBot.Secret, server.WebhookSecret);
            Assert.Equal(12, server.WebhookMaxConnections);
            // The kinds polling asks for, no more.
            Assert.Equal("""["message","edited_message","callback_query","my_chat_member"]""", server.WebhookAllowedUpdates);
            Assert.DoesNotContain(WebhookBot.Secret, bot.Process.Output);
            bot.KillNow();
        }

        // While a webhook is set Telegram refuses getUpdates (409); the polling start must remove it to receive anything.
        var polling = WebhookBot.Environment(server, _database.ConnectionString, 1, new Dictionary<string, string>
        {
            ["Telegram__Mode"] = "",
            ["Telegram__WebhookUrl"] = "",
            ["Telegram__WebhookSecret"] = "",
            ["Telegram__WebhookListen"] = "",
            ["Telegram__PollTimeoutSeconds"] = "1",
        });
        using var poller = BotProcess.Start(_database.Folder, polling);
        try
        {
            server.SendText(81_002, "/start");
            await server.WaitForMessageAsync(81_002, _ => true, Wait);
            Assert.Equal(string.Empty, server.WebhookUrl);
            Assert.Contains(server.Calls, c => c.Method == "deleteWebhook");
            Assert.Contains(server.Calls, c => c.Method == "getUpdates" && c.StatusCode == 200);
        }
        finally
        {
            output.WriteLine(poller.Output);
        }
    }

    [Fact]
    public async Task A_call_without_the_secret_or_with_a_wrong_one_gets_401_and_stores_nothing()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        using var bot = WebhookBot.Start(server, _database.Folder, _database.ConnectionString);
        await bot.WaitUntilRegisteredAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, await bot.PostAsync(WebhookBot.StartUpdate(900_001, 81_003), secret: null));
        Assert.Equal(HttpStatusCode.Unauthorized, await bot.PostAsync(WebhookBot.StartUpdate(900_002, 81_003), secret: "wrong-secret"));
        Assert.Equal(HttpStatusCode.Unauthorized, await bot.PostAsync(WebhookBot.StartUpdate(900_003, 81_003), secret: WebhookBot.Secret + "x"));
        await Task.Delay(500);
        await using (var db = _database.Open())
        {
            Assert.Equal(0, await db.Inbox.CountAsync());
            Assert.Equal(0, await db.Respondents.CountAsync());
        }
        Assert.Empty(server.Messages(81_003));

        // The same update with the secret is taken: the refusals above were the secret's doing.
        Assert.Equal(HttpStatusCode.OK, await bot.PostAsync(WebhookBot.StartUpdate(900_004, 81_003), WebhookBot.Secret));
        await server.WaitForMessageAsync(81_003, _ => true, Wait);
        await using (var db = _database.Open()) Assert.Equal([900_004L], await db.Inbox.Select(i => i.UpdateId).ToListAsync());
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("{}")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"update_id":"seven"}""")]
    [InlineData("""{"update_id":-5,"message":{"message_id":1,"date":0,"chat":{"id":81004,"type":"private"},"text":"/start"}}""")]
    public async Task A_body_that_is_no_update_gets_400_and_stores_nothing(string body)
    {
        await using var server = await FakeBotApiServer.StartAsync();
        using var bot = WebhookBot.Start(server, _database.Folder, _database.ConnectionString);
        await bot.WaitUntilRegisteredAsync();

        Assert.Equal(HttpStatusCode.BadRequest, await bot.PostAsync(body, WebhookBot.Secret));
        // Past the size bound nothing is read at all.
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await bot.PostAsync(new string(' ', 2 * 1024 * 1024) + WebhookBot.StartUpdate(900_010, 81_004), WebhookBot.Secret));

        await Task.Delay(500);
        await using var db = _database.Open();
        Assert.Equal(0, await db.Inbox.CountAsync());
        Assert.Equal(0, await db.Respondents.CountAsync());
        Assert.False(bot.Process.HasExited, bot.Process.Output);
    }

    [Fact]
    public async Task An_update_delivered_twice_is_stored_and_answered_once()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        using var bot = WebhookBot.Start(server, _database.Folder, _database.ConnectionString);
        await bot.WaitUntilRegisteredAsync();

        var updateId = server.SendText(81_005, "/start");
        await server.WaitForMessageAsync(81_005, _ => true, Wait);
        await server.WaitUntilAsync(() => server.CallCount("sendMessage") > 0 && server.WebhookCalls.Any(c => c.UpdateId == updateId), Wait);
        var sentBefore = server.CallCount("sendMessage");

        // Telegram sends an update again when it missed the 200 (a timeout, a dropped connection). The loopback server can
        // send again only what it has confirmed, which its delivery loop does a moment after the 200: on a loaded machine
        // that moment came after the redelivery was asked for, and nothing was sent again. And the first delivery may
        // itself have been answered twice (the server gave up waiting and tried again), so the redelivery is the next 200.
        await server.WaitUntilAsync(() => server.PendingUpdateCount == 0, Wait);
        var answeredBefore = server.WebhookCalls.Count(c => c.UpdateId == updateId && c.StatusCode == 200);
        server.RedeliverFrom(updateId);
        await server.WaitUntilAsync(() => server.WebhookCalls.Count(c => c.UpdateId == updateId && c.StatusCode == 200) > answeredBefore, Wait);
        await Task.Delay(1000);

        await using var db = _database.Open();
        Assert.Equal(1, await db.Inbox.CountAsync(i => i.UpdateId == updateId));
        Assert.Equal(1, await db.Respondents.CountAsync(r => r.ChatId == 81_005));
        Assert.Equal(sentBefore, server.CallCount("sendMessage"));
    }

    [Fact]
    public async Task The_200_comes_only_after_the_inbox_commit_so_a_kill_right_after_it_loses_nothing()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        using var bot = WebhookBot.Start(server, _database.Folder, _database.ConnectionString);
        await bot.WaitUntilRegisteredAsync();

        long updateId;
        var killed = new TaskCompletionSource();
        await using (await SqliteWriteLock.HoldAsync(_database.Path))
        {
            server.AfterWebhookSuccess = call =>
            {
                // kill -9 at the moment Telegram forgets the update.
                bot.Process.Kill();
                killed.TrySetResult();
            };
            updateId = server.SendText(81_006, "/start");
            await server.WaitUntilAsync(() => server.WebhookCalls.Count > 0 || server.PendingUpdateCount == 0, Wait);
            await Task.Delay(1500);
            // The commit cannot happen while the database is locked, so neither may the 200.
            Assert.DoesNotContain(server.WebhookCalls, c => c.StatusCode == 200);
        }

        await killed.Task.WaitAsync(Wait);
        server.AfterWebhookSuccess = null;
        await using (var db = _database.Open())
        {
            Assert.Equal(1, await db.Inbox.CountAsync(i => i.UpdateId == updateId));
        }

        bot.Restart();
        await server.WaitForMessageAsync(81_006, _ => true, Wait);
        Assert.Equal(1, server.WebhookCalls.Count(c => c.UpdateId == updateId && c.StatusCode == 200));
        await using (var db = _database.Open()) Assert.Equal(1, await db.Respondents.CountAsync(r => r.ChatId == 81_006));
    }

    public void Dispose() => _database.Dispose();
}
