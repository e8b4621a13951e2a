using SurveyBot.Channels.Telegram;
using Telegram.Bot;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>The bot token is in every request URL; nothing SurveyBot logs may carry it.</summary>
public sealed class TokenLeakTests
{
    private const long Chat = 6001;

    [Fact]
    public async Task No_log_line_at_any_level_contains_the_token_across_success_errors_drops_and_blocks()
    {
        await using var host = await TelegramTestHost.StartAsync(new Dictionary<string, string?> { ["Telegram:MaxSendAttempts"] = "2" });
        var pipeline = host.Pipeline;

        await pipeline.SendAsync(Chat, SendKind.Other, (bot, ct) => bot.GetMe(ct), CancellationToken.None);
        await pipeline.SendAsync(Chat, SendKind.Message, (bot, ct) => bot.SendMessage(Chat, "hello", cancellationToken: ct), CancellationToken.None);
        host.Server.FailNext("sendMessage", 1, 500);
        await pipeline.SendAsync(Chat, SendKind.Message, (bot, ct) => bot.SendMessage(Chat, "after 500", cancellationToken: ct), CancellationToken.None);
        host.Server.DropNext("sendMessage", 2);
        var dropped = await pipeline.SendAsync(Chat, SendKind.Message, (bot, ct) => bot.SendMessage(Chat, "dropped", cancellationToken: ct), CancellationToken.None);
        host.Server.BlockChat(Chat);
        var blocked = await pipeline.SendAsync(Chat, SendKind.Message, (bot, ct) => bot.SendMessage(Chat, "blocked", cancellationToken: ct), CancellationToken.None);

        Assert.Equal(SendOutcome.Unavailable, dropped.Outcome);
        Assert.Equal(SendOutcome.Blocked, blocked.Outcome);
        var lines = host.Logs.Lines;
        Assert.NotEmpty(lines);
        var secret = TelegramTestHost.Token.Split(':')[1];
        Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, line => line.Contains(Uri.EscapeDataString(TelegramTestHost.Token), StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(secret, dropped.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, blocked.Reason, StringComparison.Ordinal);
        Assert.Contains(lines, line => line.Contains("POST bot***/sendMessage answered 200", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("POST bot***/sendMessage answered 500", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("POST bot***/sendMessage answered 403", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("POST bot***/sendMessage failed after", StringComparison.Ordinal));
        // The token really did travel: the server saw it on every call.
        Assert.All(host.Server.Calls, call => Assert.Equal(TelegramTestHost.Token, call.Token));
    }
}
