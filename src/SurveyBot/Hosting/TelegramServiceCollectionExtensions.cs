using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SurveyBot.Channels.Telegram;

namespace SurveyBot.Hosting;

public static class TelegramServiceCollectionExtensions
{
    /// <summary>The Telegram channel: the Bot API client, then the outbox sender, update processor and receiver, started in that order.</summary>
    public static IServiceCollection AddTelegramChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTelegramClient(configuration);
        services.AddSingleton<UpdateHandler>();
        services.AddSingleton<ReportRenderer>();
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<UpdateProcessor>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxSender>());
        services.AddHostedService(provider => provider.GetRequiredService<UpdateProcessor>());
        services.AddHostedService<TelegramReceiver>();
        return services;
    }
}
