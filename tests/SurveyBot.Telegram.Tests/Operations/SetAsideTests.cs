using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using SurveyBot.Cli;
using SurveyBot.Storage.Entities;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Operations;

/// <summary>
/// <c>set-aside list</c> and <c>set-aside replay</c> against a running bot: an update the bot set aside (stored as the
/// bot stores one after an error that repeated) is listed without its content, counted by <c>health</c>, and once
/// replayed the running bot handles it: the respondent gets the reply they never got. The bot runs on a
/// <see cref="FakeTimeProvider"/>, so its inbox sweep (every 15 s) runs when the test moves the clock.
/// </summary>
public sealed class SetAsideTests
{
    private const long First = 96_001;
    private const long SetAsideChat = 96_002;
    private const long SetAsideUpdate = 9_000_000;

    [Fact]
    public async Task A_replayed_update_is_handled_by_the_running_bot_and_leaves_the_list()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await TelegramHarness.StartAsync(clock: clock);
        var server = harness.Server;
        server.SendText(First, "/start");
        await server.WaitForMessageAsync(First, _ => true, TelegramHarness.Wait);
        await using (var db = harness.Database.Open())
        {
            // A /start of another person, set aside as the bot does after repeated errors (a set-aside update keeps its payload).
            var date = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var payload = $"{{\"update_id\":{SetAsideUpdate},\"message\":{{\"message_id\":7,\"date\":{date},\"chat\":{{\"id\":{SetAsideChat},\"type\":\"private\"}},\"from\":{{\"id\":{SetAsideChat},\"is_bot\":false,\"first_name\":\"\"}},\"text\":\"/start\"}}}}";
            db.Inbox.Add(new InboxRecord { UpdateId = SetAsideUpdate, ChatId = SetAsideChat, PayloadJson = payload, ReceivedAt = DateTime.UtcNow, ProcessedAt = DateTime.UtcNow, Error = "InvalidOperationException: a bug since fixed" });
            await db.SaveChangesAsync();
        }
        var settings = harness.Settings();

        var list = new StringWriter();
        Assert.Equal(0, await SetAsideVerb.ListAsync(settings, list, 100, CancellationToken.None));
        Assert.Contains($"update {SetAsideUpdate}  chat {SetAsideChat}", list.ToString(), StringComparison.Ordinal);
        Assert.Contains("command /start", list.ToString(), StringComparison.Ordinal);
        Assert.Contains("a bug since fixed", list.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 update(s) set aside", list.ToString(), StringComparison.Ordinal);
        var health = new StringWriter();
        await HealthVerb.RunAsync(settings, health, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Contains("1 set aside after an error (see: set-aside list)", health.ToString(), StringComparison.Ordinal);
        Assert.Empty(server.Messages(SetAsideChat));

        var replay = new StringWriter();
        Assert.Equal(0, await SetAsideVerb.ReplayAsync(settings, replay, [SetAsideUpdate], CancellationToken.None));
        Assert.Contains("1 update(s) handed to the bot again", replay.ToString(), StringComparison.Ordinal);

        // The running bot's sweep takes it up: the person gets the survey's first screen, as the first person did.
        await harness.AdvanceUntilAsync(clock, () => server.Messages(SetAsideChat).Count > 0);
        var reply = await server.WaitForMessageAsync(SetAsideChat, _ => true, TelegramHarness.Wait);
        Assert.Equal(server.Messages(First)[0].Text, reply.Text);
        await using (var db = harness.Database.Open())
        {
            var row = await db.Inbox.AsNoTracking().SingleAsync(i => i.UpdateId == SetAsideUpdate);
            Assert.NotNull(row.ProcessedAt);
            Assert.Null(row.Error);
            Assert.Equal(1, await db.Respondents.CountAsync(r => r.ChatId == SetAsideChat));
        }
        var after = new StringWriter();
        Assert.Equal(0, await SetAsideVerb.ListAsync(settings, after, 100, CancellationToken.None));
        Assert.Contains("no updates set aside", after.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await SetAsideVerb.ReplayAsync(settings, new StringWriter(), null, CancellationToken.None));
        // Handled once: a later sweep finds nothing to queue, so no second reply.
        await harness.PassesAsync(clock, "Inbox sweep:");
        await server.WaitUntilAsync(() => OutboxDrained(harness), TelegramHarness.Wait);
        Assert.Equal(server.Messages(First).Count, server.Messages(SetAsideChat).Count);
    }

    /// <summary>Every staged reply was sent (or failed), so the chat's messages are all there is.</summary>
    private static bool OutboxDrained(TelegramHarness harness)
    {
        using var db = harness.Database.Open();
        return !db.Outbox.AsNoTracking().Any(o => o.Status == OutboxRecord.Pending);
    }
}
