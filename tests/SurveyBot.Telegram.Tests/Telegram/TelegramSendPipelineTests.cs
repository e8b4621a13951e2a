using System.Diagnostics;
using SurveyBot.Channels.Telegram;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>
/// The send pipeline against the fake Bot API on loopback, through the real Telegram.Bot client as
/// AddTelegramClient builds it: what respondents end up seeing when Telegram throttles, fails or refuses.
/// </summary>
public sealed class TelegramSendPipelineTests
{
    private const long Chat = 5001;

    [Fact]
    public async Task A_429_waits_exactly_retry_after_and_delivers_the_message_once()
    {
        await using var host = await TelegramTestHost.StartAsync();
        host.Server.FailNext("sendMessage", 1, 429, retryAfter: 1);

        var clock = Stopwatch.StartNew();
        var result = await SendText(host, Chat, "Q1");

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal("Q1", result.Value!.Text);
        Assert.Equal(2, result.Attempts);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(990), $"retried after {clock.Elapsed}");
        Assert.Equal("Q1", Assert.Single(host.Server.Messages(Chat)).Text);
        Assert.Equal([429, 200], host.Server.Calls.Select(c => c.StatusCode));
    }

    [Fact]
    public async Task Two_server_errors_are_retried_and_the_message_is_delivered_once()
    {
        await using var host = await TelegramTestHost.StartAsync();
        host.Server.FailNext("sendMessage", 2, 500);

        var result = await SendText(host, Chat, "Q1");

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal(3, result.Attempts);
        Assert.Single(host.Server.Messages(Chat));
        Assert.Equal([500, 500, 200], host.Server.Calls.Select(c => c.StatusCode));
    }

    [Fact]
    public async Task A_dropped_connection_is_retried_and_the_message_is_delivered_once()
    {
        await using var host = await TelegramTestHost.StartAsync();
        host.Server.DropNext("sendMessage", 1);

        var result = await SendText(host, Chat, "Q1");

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal(2, result.Attempts);
        Assert.Single(host.Server.Messages(Chat));
    }

    [Fact]
    public async Task A_slow_answer_times_out_the_attempt_and_is_retried()
    {
        await using var host = await TelegramTestHost.StartAsync(new Dictionary<string, string?> { ["Telegram:RequestTimeoutSeconds"] = "1" });
        host.Server.DelayNext("getMe", 1, TimeSpan.FromSeconds(3));

        var result = await host.Pipeline.SendAsync(Chat, SendKind.Other, (bot, ct) => bot.GetMe(ct), CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task A_transient_error_that_never_clears_is_reported_Unavailable_after_MaxSendAttempts()
    {
        await using var host = await TelegramTestHost.StartAsync(new Dictionary<string, string?> { ["Telegram:MaxSendAttempts"] = "3" });
        host.Server.FailNext("sendMessage", 10, 502);

        var result = await SendText(host, Chat, "Q1");

        Assert.Equal(SendOutcome.Unavailable, result.Outcome);
        Assert.Equal(3, result.Attempts);
        Assert.StartsWith("502 ", result.Reason, StringComparison.Ordinal);
        Assert.Equal(3, host.Server.CallCount("sendMessage"));
        Assert.Empty(host.Server.Messages(Chat));
    }

    [Fact]
    public async Task A_blocked_chat_is_reported_Blocked_after_exactly_one_call()
    {
        await using var host = await TelegramTestHost.StartAsync();
        host.Server.BlockChat(Chat);

        var result = await SendText(host, Chat, "Q1");

        Assert.Equal(SendOutcome.Blocked, result.Outcome);
        Assert.False(result.Delivered);
        Assert.Contains("bot was blocked by the user", result.Reason, StringComparison.Ordinal);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(403, Assert.Single(host.Server.Calls).StatusCode);
    }

    [Fact]
    public async Task A_bad_request_fails_at_once_with_Telegrams_description()
    {
        await using var host = await TelegramTestHost.StartAsync();

        var result = await host.Pipeline.SendAsync(Chat, SendKind.Message,
            (bot, ct) => bot.SendMessage(Chat, "3 < 5 <x>", ParseMode.Html, cancellationToken: ct), CancellationToken.None);

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Contains("can't parse entities", result.Reason, StringComparison.Ordinal);
        Assert.Equal(1, host.Server.CallCount("sendMessage"));
    }

    [Fact]
    public async Task Repeating_an_edit_that_already_landed_counts_as_delivered()
    {
        await using var host = await TelegramTestHost.StartAsync();
        var sent = await SendText(host, Chat, "Q1");
        var messageId = sent.Value!.MessageId;

        var first = await host.Pipeline.SendAsync(Chat, SendKind.Edit, (bot, ct) => bot.EditMessageText(Chat, messageId, "Q1 ✓", cancellationToken: ct), CancellationToken.None);
        var again = await host.Pipeline.SendAsync(Chat, SendKind.Edit, (bot, ct) => bot.EditMessageText(Chat, messageId, "Q1 ✓", cancellationToken: ct), CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, first.Outcome);
        Assert.Equal(SendOutcome.Unchanged, again.Outcome);
        Assert.True(again.Delivered);
        Assert.Equal(1, again.Attempts);
        Assert.Equal("Q1 ✓", Assert.Single(host.Server.Messages(Chat)).Text);
    }

    [Fact]
    public async Task The_global_limit_spreads_a_broadcast_so_Telegram_never_answers_429()
    {
        await using var host = await TelegramTestHost.StartAsync(new Dictionary<string, string?> { ["Telegram:GlobalMessagesPerSecond"] = "10" });
        host.Server.GlobalRateLimitPerSecond = 30;

        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => SendText(host, Chat + i, $"Invitation {i}")));

        Assert.All(results, r => Assert.Equal(SendOutcome.Sent, r.Outcome));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"30 messages at 10/s took {clock.Elapsed}");
        Assert.Equal(0, host.Server.TooManyRequestsCount);
        Assert.Equal(30, host.Server.CallCount("sendMessage"));
        Assert.All(results, r => Assert.Equal(1, r.Attempts));
    }

    [Fact]
    public async Task A_chat_gets_its_burst_at_once_then_is_paced_while_other_chats_are_not_held_up()
    {
        await using var host = await TelegramTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Telegram:PerChatBurst"] = "3",
            ["Telegram:PerChatMessagesPerSecond"] = "2",
        });
        const long other = Chat + 1;

        var busy = Enumerable.Range(1, 5).Select(i => SendText(host, Chat, $"M{i}")).ToList();
        await host.Server.WaitUntilAsync(() => host.Server.Messages(Chat).Count >= 3, TimeSpan.FromSeconds(5));
        var otherResult = await SendText(host, other, "Hello");
        await Task.WhenAll(busy);

        Assert.Equal(SendOutcome.Sent, otherResult.Outcome);
        var times = host.Server.Calls.Where(c => c.ChatId == Chat).Select(c => c.TimestampUtc).Order().ToList();
        Assert.Equal(5, times.Count);
        Assert.True(times[2] - times[0] < TimeSpan.FromMilliseconds(300), $"burst took {times[2] - times[0]}");
        Assert.True(times[3] - times[0] >= TimeSpan.FromMilliseconds(400), $"the fourth message came {times[3] - times[0]} after the first, inside the burst of 3");
        Assert.True(times[4] - times[0] >= TimeSpan.FromMilliseconds(850), $"five messages at burst 3 and 2/s took {times[4] - times[0]}");
        var otherTime = host.Server.Calls.Single(c => c.ChatId == other).TimestampUtc;
        Assert.True(otherTime < times[4], "the other chat waited behind the paced chat");
        Assert.Equal(["M1", "M2", "M3", "M4", "M5"], host.Server.Messages(Chat).Select(m => m.Text).Order());
    }

    [Fact]
    public async Task Callback_answers_are_not_held_back_by_a_chats_pacing()
    {
        await using var host = await TelegramTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Telegram:PerChatBurst"] = "1",
            ["Telegram:PerChatMessagesPerSecond"] = "1",
        });
        var question = await SendText(host, Chat, "Pick one");
        var update = host.Server.PressButton(Chat, question.Value!.MessageId, "a");

        var clock = Stopwatch.StartNew();
        var answer = await host.Pipeline.SendAsync(Chat, SendKind.CallbackAnswer,
            (bot, ct) => bot.AnswerCallbackQuery(global::SurveyBot.FakeBotApi.FakeBotApiServer.CallbackQueryIdFor(update), cancellationToken: ct),
            CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, answer.Outcome);
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(500), $"the answer waited {clock.Elapsed}");
        Assert.Single(host.Server.CallbackAnswers);
    }

    [Fact]
    public async Task Cancelling_the_caller_throws_instead_of_reporting_a_failure()
    {
        await using var host = await TelegramTestHost.StartAsync();
        host.Server.FailNext("sendMessage", 1, 429, retryAfter: 5);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            host.Pipeline.SendAsync(Chat, SendKind.Message, (bot, ct) => bot.SendMessage(Chat, "Q1", cancellationToken: ct), cancel.Token));
    }

    private static Task<SendResult<global::Telegram.Bot.Types.Message>> SendText(TelegramTestHost host, long chat, string text) =>
        host.Pipeline.SendAsync(chat, SendKind.Message, (bot, ct) => bot.SendMessage(chat, text, cancellationToken: ct), CancellationToken.None);
}
