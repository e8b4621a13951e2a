using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SurveyBot.Channels.Telegram;
using Telegram.Bot;

namespace SurveyBot.Hosting;

public static class TelegramServiceCollectionExtensions
{
    /// <summary>The Telegram channel: outbox sender, update processor and receiver, started in that order.</summary>
    public static IServiceCollection AddTelegramChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.Section);
        services.AddSingleton<ITelegramBotClient>(provider =>
        {
            var options = configuration.GetSection(TelegramOptions.Section).Get<TelegramOptions>()!;
            return new TelegramBotClient(new TelegramBotClientOptions(options.BotToken, string.IsNullOrEmpty(options.ApiBaseUrl) ? null : options.ApiBaseUrl) { RetryThreshold = 0, RetryCount = 0 });
        });
        services.AddSingleton<UpdateHandler>();
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<UpdateProcessor>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxSender>());
        services.AddHostedService(provider => provider.GetRequiredService<UpdateProcessor>());
        services.AddHostedService<TelegramReceiver>();
        return services;
    }
}
