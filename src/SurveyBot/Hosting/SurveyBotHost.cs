using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SurveyBot.Hosting;

/// <summary>Builds the Generic Host: configuration from appsettings.json and environment variables, storage, flows and a channel.</summary>
public static class SurveyBotHost
{
    /// <param name="settings">Settings that override every other source (used by tests and tools that embed the bot).</param>
    public static HostApplicationBuilder CreateBuilder(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        // Configuration is read once at start. Watching it for changes would watch the working directory
        // and every folder below it, where the SQLite file usually lives: each commit would wake the watcher.
        var initial = new ConfigurationManager();
        initial.AddInMemoryCollection(new Dictionary<string, string?> { ["hostBuilder:reloadConfigOnChange"] = "false" });
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = Directory.GetCurrentDirectory(),
            Configuration = initial,
        });
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        builder.Configuration.AddEnvironmentVariables();
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSurveyStorage(builder.Configuration);
        builder.Services.AddSurveyFlows();
        return builder;
    }

    /// <summary>The host that runs the bot: Telegram when a token is configured, otherwise the console interview.</summary>
    public static IHost BuildRunner(string[] args, ConsoleRespondent respondent, IReadOnlyDictionary<string, string?>? settings = null, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = CreateBuilder(args, settings);
        if (string.IsNullOrWhiteSpace(builder.Configuration["Telegram:BotToken"]))
        {
            // The terminal belongs to the respondent: keep framework chatter out of it.
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
            builder.Services.AddSingleton(respondent);
            builder.Services.AddConversation();
            builder.Services.AddHostedService<ConsoleWorker>();
        }
        else
        {
            builder.Services.AddTelegramChannel(builder.Configuration);
        }
        configure?.Invoke(builder);
        return builder.Build();
    }
}
