using System.Net;
using Microsoft.EntityFrameworkCore;
using SurveyBot.FakeBotApi;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Webhook;

/// <summary>
/// When handling falls behind, polling stops fetching and updates wait at Telegram; a webhook cannot stop Telegram
/// calling, so it refuses (429) and Telegram calls again later. Nothing is stored for a refused call, nothing is lost.
/// </summary>
public sealed class WebhookBackpressureTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    private readonly TestDatabase _database = new();

    [Fact]
    public async Task While_the_queue_is_full_a_call_gets_429_stores_nothing_and_is_taken_once_there_is_room()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        using var bot = WebhookBot.Start(server, _database.Folder, _database.ConnectionString, new Dictionary<string, string>
        {
            ["Telegram__MaxQueuedUpdates"] = "1",
            ["Telegram__MaxQueuedOutboxRows"] = "1",
        });
        await bot.WaitUntilRegisteredAsync();
        // The replies hang at the Bot API, so the outbox stays full and the processor waits: handling falls behind.
        server.DelayNext("sendMessage", 10, TimeSpan.FromSeconds(8));

        Assert.Equal(HttpStatusCode.OK, await bot.PostAsync(WebhookBot.StartUpdate(910_001, 84_001), WebhookBot.Secret));
        // The first reply has reached the Bot API (and hangs there).
        await server.WaitUntilAsync(() => server.CallCount("sendMessage") > 0, Wait);
        Assert.Equal(HttpStatusCode.OK, await bot.PostAsync(WebhookBot.StartUpdate(910_002, 84_002), WebhookBot.Secret));
        Assert.Equal(HttpStatusCode.TooManyRequests, await bot.PostAsync(WebhookBot.StartUpdate(910_003, 84_003), WebhookBot.Secret));
        await using (var db = _database.Open())
        {
            Assert.Equal(0, await db.Inbox.CountAsync(i => i.UpdateId == 910_003));
        }

        // Telegram's next try, once the replies went out, is taken and answered.
        var deadline = DateTime.UtcNow + Wait;
        HttpStatusCode status;
        while ((status = await bot.PostAsync(WebhookBot.StartUpdate(910_003, 84_003), WebhookBot.Secret)) != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, status);
            await Task.Delay(200);
        }
        Assert.Equal(HttpStatusCode.OK, status);
        await server.WaitForMessageAsync(84_003, _ => true, Wait);
        await using (var db = _database.Open()) Assert.Equal(1, await db.Inbox.CountAsync(i => i.UpdateId == 910_003));
    }

    public void Dispose() => _database.Dispose();
}
