using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SurveyBot.Hosting;

public static class TelegramServiceCollectionExtensions
{
    /// <summary>The Telegram channel: receiver, update processor and outbox sender.</summary>
    public static IServiceCollection AddTelegramChannel(this IServiceCollection services, IConfiguration configuration)
    {
        throw new NotSupportedException("The Telegram channel is not built yet; unset Telegram__BotToken to use the console channel.");
    }
}
