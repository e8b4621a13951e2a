using SurveyBot.FakeBotApi;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>A <see cref="TelegramTestHost"/> with SurveyBot's default send limits, against a server enforcing Telegram's limits.</summary>
public sealed class TelegramHostWithDefaults : IAsyncDisposable
{
    private TelegramHostWithDefaults(TelegramTestHost host) => Host = host;

    public TelegramTestHost Host { get; }

    public static async Task<TelegramHostWithDefaults> StartAsync() =>
        new(await TelegramTestHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Telegram:GlobalMessagesPerSecond"] = null,
                ["Telegram:PerChatMessagesPerSecond"] = null,
                ["Telegram:RetryBaseDelayMilliseconds"] = "50",
            },
            new FakeBotApiOptions().WithTelegramLimits()));

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
