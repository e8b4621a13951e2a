using System.Diagnostics;
using SurveyBot.Channels.Telegram;
using SurveyBot.FakeBotApi;
using Telegram.Bot;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>
/// The rate model Telegram describes, through the real client against the loopback Bot API enforcing Telegram's
/// limits (per chat a burst of 3 then 1/s, sends and edits together; bulk notifications 30/s): replies are paced per
/// chat and held by no global cap by default, a 429 slows only its chat unless many chats get one at once, and
/// unsolicited messages share the bulk allowance.
/// </summary>
public sealed class TelegramLimitsTests
{
    private const long Chat = 7001;

    /// <summary>SurveyBot's own defaults for the limits, against a server that enforces Telegram's.</summary>
    private static Task<TelegramHostWithDefaults> StartAsync() => TelegramHostWithDefaults.StartAsync();

    [Fact]
    public async Task Edits_share_the_chats_pace_with_sends_so_Telegram_never_answers_429()
    {
        await using var host = await StartAsync();
        var question = await Send(host.Host, Chat, "Q1");
        var id = question.Value!.MessageId;

        var clock = Stopwatch.StartNew();
        var edits = await Task.WhenAll(Enumerable.Range(1, 4).Select(i =>
            host.Host.Pipeline.SendAsync(Chat, SendKind.Edit, (bot, ct) => bot.EditMessageText(Chat, id, $"Q1 item {i}", cancellationToken: ct), CancellationToken.None)));

        Assert.All(edits, e => Assert.Equal(SendOutcome.Sent, e.Outcome));
        Assert.Equal(0, host.Host.Server.TooManyRequestsCount);
        // One send and four edits at a burst of 3, then 1/s: the last edit goes out two seconds after the first call.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.8), $"five calls to one chat took {clock.Elapsed}");
    }

    [Fact]
    public async Task Replies_to_many_chats_at_once_are_not_held_by_a_global_cap()
    {
        await using var host = await StartAsync();
        var chats = Enumerable.Range(0, 120).Select(i => Chat + 100 + i).ToList();
        foreach (var chat in chats) host.Host.Server.SendText(chat, "/start");

        var clock = Stopwatch.StartNew();
        var replies = await Task.WhenAll(chats.Select(chat => Send(host.Host, chat, "첫 질문")));

        Assert.All(replies, r => Assert.Equal(SendOutcome.Sent, r.Outcome));
        Assert.Equal(0, host.Host.Server.TooManyRequestsCount);
        // At the old global cap of 25/s, 120 replies took almost five seconds.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2.5), $"120 replies to 120 chats took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_429_slows_only_its_chat_and_its_pace_recovers()
    {
        await using var host = await StartAsync();
        host.Host.Server.FailNext("sendMessage", 1, 429, retryAfter: 2);
        var slowed = Send(host.Host, Chat, "Q1");
        await host.Host.Server.WaitUntilAsync(() => host.Host.Server.TooManyRequestsCount == 1, TimeSpan.FromSeconds(5));

        var clock = Stopwatch.StartNew();
        var other = await Send(host.Host, Chat + 1, "Q1");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"another chat waited {clock.Elapsed} behind the slowed one");
        Assert.Equal(SendOutcome.Sent, other.Outcome);

        // Whatever else is for the slowed chat waits out its retry_after too, then goes at the chat's pace.
        var after = await Send(host.Host, Chat, "Q1 (2)");
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"the slowed chat got another message {clock.Elapsed} after the 429");
        Assert.Equal(SendOutcome.Sent, (await slowed).Outcome);
        Assert.Equal(SendOutcome.Sent, after.Outcome);
        var recovered = Stopwatch.StartNew();
        Assert.Equal(SendOutcome.Sent, (await Send(host.Host, Chat, "Q2")).Outcome);
        Assert.True(recovered.Elapsed < TimeSpan.FromSeconds(1.5), $"the chat's pace had not recovered: {recovered.Elapsed}");
        Assert.Equal(1, host.Host.Server.TooManyRequestsCount);
    }

    [Fact]
    public async Task Too_many_requests_from_several_chats_at_once_make_every_reply_wait()
    {
        await using var host = await StartAsync();
        host.Host.Server.FailNext("sendMessage", FloodControl.ChatsForBotWide, 429, retryAfter: 2);
        var limited = Enumerable.Range(0, FloodControl.ChatsForBotWide).Select(i => Send(host.Host, Chat + i, "Q1")).ToList();
        await host.Host.Server.WaitUntilAsync(() => host.Host.Server.TooManyRequestsCount == FloodControl.ChatsForBotWide, TimeSpan.FromSeconds(5));
        // The server counts a 429 as it answers; the bot knows of it a moment later, when the answer has arrived.
        await host.Host.Server.WaitUntilAsync(() => host.Host.Pipeline.BotWideWait > TimeSpan.Zero, TimeSpan.FromSeconds(5));

        var clock = Stopwatch.StartNew();
        var fresh = await Send(host.Host, Chat + 50, "Q1");

        Assert.Equal(SendOutcome.Sent, fresh.Outcome);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"a chat not yet answered went out {clock.Elapsed} after the bot was slowed");
        Assert.All(await Task.WhenAll(limited), r => Assert.Equal(SendOutcome.Sent, r.Outcome));
    }

    [Fact]
    public async Task Unsolicited_messages_share_the_bulk_allowance_and_get_no_429()
    {
        await using var host = await StartAsync();
        var chats = Enumerable.Range(0, 75).Select(i => Chat + 1000 + i).ToList();

        var clock = Stopwatch.StartNew();
        var reminders = await Task.WhenAll(chats.Select(chat =>
            host.Host.Pipeline.SendAsync(chat, SendKind.Bulk, (bot, ct) => bot.SendMessage(chat, "설문을 이어서 해 주세요", cancellationToken: ct), CancellationToken.None)));

        Assert.All(reminders, r => Assert.Equal(SendOutcome.Sent, r.Outcome));
        Assert.Equal(0, host.Host.Server.TooManyRequestsCount);
        Assert.Equal(75, host.Host.Server.BulkMessageCount);
        // 75 at 30/s: the last goes out in the third second.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"75 reminders took {clock.Elapsed}");
    }

    private static Task<SendResult<global::Telegram.Bot.Types.Message>> Send(TelegramTestHost host, long chat, string text) =>
        host.Pipeline.SendAsync(chat, SendKind.Message, (bot, ct) => bot.SendMessage(chat, text, cancellationToken: ct), CancellationToken.None);
}
