using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SurveyBot.Channels.Telegram;
using SurveyBot.Hosting;
using SurveyBot.Operations;
using SurveyBot.Supervision;
using Telegram.Bot;

namespace SurveyBot.Cli;

/// <summary><c>health [--max-backlog-age S] [--timeout S]</c>: check the database, the Bot API and the backlogs; exit 0 when healthy, 1 when not.</summary>
public static class HealthVerb
{
    public const int DefaultMaxBacklogAgeSeconds = 600;
    public const int DefaultTimeoutSeconds = 10;

    public static Command Create()
    {
        var maxAge = new Option<int>("--max-backlog-age")
        {
            Description = "seconds a pending outbox row or unhandled inbox update may wait before the bot counts as unhealthy",
            DefaultValueFactory = _ => DefaultMaxBacklogAgeSeconds,
        };
        var timeout = new Option<int>("--timeout") { Description = "seconds getMe may take", DefaultValueFactory = _ => DefaultTimeoutSeconds };
        var command = new Command("health", "Check the database (migrations applied), the Bot API (getMe) and the outbox/inbox backlog; exit 0 when healthy, 1 otherwise") { maxAge, timeout };
        command.SetAction((result, cancellationToken) => RunAsync(
            null, Console.Out, TimeSpan.FromSeconds(result.GetValue(maxAge)), TimeSpan.FromSeconds(result.GetValue(timeout)), cancellationToken));
        return command;
    }

    /// <summary>Runs the check with the configuration the bot would use (plus <paramref name="settings"/>), prints the report and returns the exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string?>? settings, TextWriter output, TimeSpan maxBacklogAge, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var builder = SurveyBotHost.CreateBuilder([], settings);
        // The report is the output; request logging (already redacted) would only clutter it.
        builder.Logging.ClearProviders();
        var token = builder.Configuration[$"{TelegramOptions.Section}:{nameof(TelegramOptions.BotToken)}"] ?? "";
        var hasToken = !string.IsNullOrWhiteSpace(token);
        if (hasToken) builder.Services.AddTelegramClient(builder.Configuration);
        using var host = builder.Build();

        var redactor = new TokenRedactor(token);
        var (provider, connectionString, storageFailures) = Configuration.StorageOptions.From(builder.Configuration).Resolve();
        if (storageFailures.Count > 0)
        {
            await output.WriteLineAsync(new HealthReport([.. storageFailures.Select(f => new HealthLine(HealthCheck.DatabaseArea, false, f))]).ToText());
            return 1;
        }
        var apiBaseUrl = builder.Configuration[$"{TelegramOptions.Section}:{nameof(TelegramOptions.ApiBaseUrl)}"];
        ITelegramBotClient? bot = null;
        string? setupError = null;
        try
        {
            if (hasToken) bot = host.Services.GetRequiredService<ITelegramBotClient>();
        }
        catch (Exception ex) when (ex is Microsoft.Extensions.Options.OptionsValidationException or ArgumentException)
        {
            setupError = redactor.Describe(ex);
        }

        var report = await new HealthCheck(provider, connectionString, bot, apiBaseUrl, redactor, TimeProvider.System).RunAsync(maxBacklogAge, timeout, cancellationToken);
        if (setupError is not null)
            report = new HealthReport([.. report.Lines.Where(l => l.Area != HealthCheck.BotApiArea), new HealthLine(HealthCheck.BotApiArea, false, $"the Telegram configuration is invalid: {setupError}")]);
        await output.WriteLineAsync(redactor.Redact(report.ToText()));
        return report.IsHealthy ? 0 : 1;
    }
}
