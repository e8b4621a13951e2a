using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SurveyBot.FakeBotApi;
using SurveyBot.Hosting;
using SurveyBot.Telegram.Tests.Telegram;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Support;

/// <summary>
/// The bot running in this process against a loopback Bot API server and a real SQLite file, with
/// every log line captured. Respondents act through <see cref="Server"/> like Telegram users.
/// </summary>
public sealed class TelegramHarness : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private IHost? _host;

    private TelegramHarness(FakeBotApiServer server) => Server = server;

    public FakeBotApiServer Server { get; }
    public TestDatabase Database { get; } = new();
    public CollectingLoggerProvider Logs { get; } = new();

    /// <param name="clock">The bot's clock, for tests that move time by hand (reminders, expiry, fielding windows).</param>
    public static async Task<TelegramHarness> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, FakeBotApiOptions? options = null, TimeProvider? clock = null)
    {
        var harness = new TelegramHarness(await FakeBotApiServer.StartAsync(options));
        await harness.StartBotAsync(settings, clock);
        return harness;
    }

    public Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = Server.Token,
            ["Telegram:ApiBaseUrl"] = Server.BaseUrl,
            ["Telegram:PollTimeoutSeconds"] = "2",
            // Interviews here answer as fast as the machine allows; the limits have their own tests.
            ["Telegram:GlobalMessagesPerSecond"] = "0",
            ["Telegram:PerChatMessagesPerSecond"] = "0",
            ["Telegram:RetryBaseDelayMilliseconds"] = "50",
            ["ConnectionStrings:SurveyBot"] = Database.ConnectionString,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    private async Task StartBotAsync(IReadOnlyDictionary<string, string?>? settings, TimeProvider? clock)
    {
        _host = SurveyBotHost.BuildRunner([], new ConsoleRespondent(0, null), Settings(settings), builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddFilter(_ => true);
            builder.Logging.AddProvider(Logs);
            if (clock is not null) builder.Services.AddSingleton(clock);
        });
        await _host.StartAsync();
    }

    /// <summary>Stops the bot (the server and the database stay), e.g. to change stored rows before it starts again.</summary>
    public async Task StopBotAsync()
    {
        if (_host is null) return;
        await _host.StopAsync();
        _host.Dispose();
        _host = null;
    }

    /// <summary>Starts the bot again on the same server and database.</summary>
    public Task StartBotAgainAsync(IReadOnlyDictionary<string, string?>? settings = null) => StartBotAsync(settings, null);

    /// <summary>The newest message in the chat whose buttons answer <paramref name="step"/>.</summary>
    /// <summary>
    /// Moves <paramref name="clock"/>, the bot's, a second at a time until <paramref name="done"/>: a loop timed on it
    /// (the fieldwork scanner, the inbox sweep) wakes once its wait has passed on this clock, whenever that wait began.
    /// Nothing the tests check is timed to the second.
    /// </summary>
    public Task AdvanceUntilAsync(FakeTimeProvider clock, Func<bool> done) =>
        Server.WaitUntilAsync(() =>
        {
            if (done()) return true;
            clock.Advance(TimeSpan.FromSeconds(1));
            return false;
        }, Wait);

    /// <summary>
    /// Moves <paramref name="clock"/> until two more log lines containing <paramref name="pass"/> were written: at least
    /// one pass of that loop began after everything the test did before.
    /// </summary>
    public Task PassesAsync(FakeTimeProvider clock, string pass)
    {
        var target = LogCount(pass) + 2;
        return AdvanceUntilAsync(clock, () => LogCount(pass) >= target);
    }

    public int LogCount(string text) => Logs.Lines.Count(l => l.Contains(text, StringComparison.Ordinal));

    public Task<BotMessage> QuestionAsync(long chat, string step) =>
        Server.WaitForMessageAsync(chat, m => m.Buttons.Any(b => b.CallbackData?.StartsWith(step + "|", StringComparison.Ordinal) == true), Wait);

    /// <summary>Presses the button of <paramref name="message"/> whose value or label is <paramref name="answer"/>; false when it has none.</summary>
    public bool TryPress(long chat, BotMessage message, string answer)
    {
        var button = message.Buttons.FirstOrDefault(b => b.CallbackData is { } data && (data.EndsWith("|" + answer, StringComparison.Ordinal) || b.Text == answer));
        if (button is null) return false;
        Server.PressButton(chat, message.MessageId, button.CallbackData!);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await StopBotAsync();
        await Server.DisposeAsync();
        Database.Dispose();
    }
}
