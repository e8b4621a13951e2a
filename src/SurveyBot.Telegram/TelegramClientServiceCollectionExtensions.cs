using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SurveyBot.Storage;
using SurveyBot.Supervision;
using Telegram.Bot;

namespace SurveyBot.Channels.Telegram;

public static class TelegramClientServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient that carries every Bot API request.</summary>
    public const string HttpClientName = "SurveyBot.Telegram";

    /// <summary>
    /// The Bot API plumbing: <see cref="TelegramOptions"/> (section <c>Telegram</c>), <see cref="TokenRedactor"/>,
    /// an HttpClient whose only request logging is <see cref="RedactingHttpLoggingHandler"/>, a singleton
    /// <see cref="ITelegramBotClient"/> on it with the client's own 429 retry off, and <see cref="TelegramSendPipeline"/>.
    /// </summary>
    public static IServiceCollection AddTelegramClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TelegramOptions>()
            .Bind(configuration.GetSection(TelegramOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>());

        services.TryAddSingleton(sp => new TokenRedactor(sp.GetRequiredService<IOptions<TelegramOptions>>().Value.BotToken));
        services.TryAddTransient<RedactingHttpLoggingHandler>();

        services.AddHttpClient(HttpClientName)
            // The factory's request logging writes the full URL, which holds the token.
            .RemoveAllLoggers()
            .AddHttpMessageHandler<RedactingHttpLoggingHandler>()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // The sender bounds concurrency (SenderConcurrency); a request must never queue for a connection
                // here and time out behind the long poll.
                MaxConnectionsPerServer = int.MaxValue,
                // The client is a long-lived singleton: recycling pooled connections keeps DNS changes visible.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
                ConnectTimeout = TimeSpan.FromSeconds(10),
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .ConfigureHttpClient((sp, http) =>
            {
                // Above the long-poll timeout, so a quiet getUpdates is never cut off; sends have their own
                // shorter per-attempt timeout in TelegramSendPipeline.
                var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
                http.Timeout = TimeSpan.FromSeconds(Math.Max(options.PollTimeoutSeconds, options.RequestTimeoutSeconds) + 15);
            });

        services.TryAddSingleton<ITelegramBotClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            var baseUrl = string.IsNullOrWhiteSpace(options.ApiBaseUrl) ? null : options.ApiBaseUrl;
            // Polly owns retries (TelegramSendPipeline): the client's own 429 retry would hide them and ignore the limits.
            return new TelegramBotClient(new TelegramBotClientOptions(options.BotToken, baseUrl) { RetryThreshold = 0, RetryCount = 0 }, http);
        });
        // Telegram's limits run on real seconds, not on the clock the survey reads (which tests move by days).
        services.TryAddSingleton(_ => new SendWindow(TimeProvider.System));
        // Shared through the database on PostgreSQL; where no database is registered, nothing is shared.
        services.TryAddSingleton(sp => new SharedBulkAllowance(sp.GetService<IDbContextFactory<SurveyDbContext>>(), sp.GetRequiredService<ILogger<SharedBulkAllowance>>()));
        services.TryAddSingleton<TelegramSendPipeline>();
        return services;
    }
}
