using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SurveyBot.Channels.Telegram;
using SurveyBot.FakeBotApi;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>
/// The fake Bot API on loopback plus SurveyBot's Telegram services built the way the host builds them
/// (AddTelegramClient over configuration), with every log line collected at Trace.
/// </summary>
public sealed class TelegramTestHost : IAsyncDisposable
{
    public const string Token = "000000:FAKE-token-for-tests-only";

    private readonly ServiceProvider _services;

    private TelegramTestHost(FakeBotApiServer server, ServiceProvider services, CollectingLoggerProvider logs)
    {
        Server = server;
        _services = services;
        Logs = logs;
    }

    public FakeBotApiServer Server { get; }

    public CollectingLoggerProvider Logs { get; }

    public TelegramSendPipeline Pipeline => _services.GetRequiredService<TelegramSendPipeline>();

    /// <summary>
    /// Starts the fake server and the services; <paramref name="settings"/> override Telegram:* keys (fast retries by
    /// default; a null value leaves SurveyBot's own default in force).
    /// </summary>
    public static async Task<TelegramTestHost> StartAsync(IDictionary<string, string?>? settings = null, FakeBotApiOptions? options = null)
    {
        options ??= new FakeBotApiOptions();
        options.Token = Token;
        var server = await FakeBotApiServer.StartAsync(options);
        var values = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = Token,
            ["Telegram:ApiBaseUrl"] = server.BaseUrl,
            ["Telegram:RetryBaseDelayMilliseconds"] = "50",
            ["Telegram:RequestTimeoutSeconds"] = "5",
            ["Telegram:GlobalMessagesPerSecond"] = "0",
            ["Telegram:PerChatMessagesPerSecond"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null) values.Remove(key);
            else values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new CollectingLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddTelegramClient(configuration)
            .BuildServiceProvider(validateScopes: true);
        return new TelegramTestHost(server, services, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
