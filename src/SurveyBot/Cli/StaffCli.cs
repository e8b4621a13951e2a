using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SurveyBot.Channels.Telegram;
using SurveyBot.Fieldwork;
using SurveyBot.Staff;
using SurveyBot.Supervision;
using Telegram.Bot;

namespace SurveyBot.Cli;

/// <summary>What the staff verbs share: their settings and the bot's username for links.</summary>
public static class StaffCli
{
    public static BroadcastOptions Broadcast(IHost host) =>
        host.Services.GetRequiredService<IConfiguration>().GetSection(BroadcastOptions.Section).Get<BroadcastOptions>() ?? new BroadcastOptions();

    public static FieldworkOptions Fieldwork(IHost host) =>
        host.Services.GetRequiredService<IConfiguration>().GetSection(FieldworkOptions.Section).Get<FieldworkOptions>() ?? new FieldworkOptions();

    /// <summary><paramref name="given"/>, else the configured bot's username from getMe; null (with a message) when neither is available.</summary>
    public static async Task<string?> BotUsernameAsync(IHost host, string? given, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(given)) return given.TrimStart('@');
        var telegram = host.Services.GetRequiredService<IConfiguration>().GetSection(TelegramOptions.Section).Get<TelegramOptions>() ?? new TelegramOptions();
        if (string.IsNullOrWhiteSpace(telegram.BotToken))
        {
            Console.Error.WriteLine("give --bot <username> or configure Telegram__BotToken so the bot's username can be asked (getMe)");
            return null;
        }
        var client = new TelegramBotClient(new TelegramBotClientOptions(telegram.BotToken, string.IsNullOrWhiteSpace(telegram.ApiBaseUrl) ? null : telegram.ApiBaseUrl));
        try
        {
            return await new BotIdentity(client).UsernameAsync(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Console.Error.WriteLine("getMe failed: " + new TokenRedactor(telegram.BotToken).Describe(error));
            return null;
        }
    }
}
