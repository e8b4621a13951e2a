using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SurveyBot.Channels.Telegram;
using SurveyBot.Channels.Telegram.Staff;
using SurveyBot.Fieldwork;
using SurveyBot.Supervision;

namespace SurveyBot.Hosting;

public static class TelegramServiceCollectionExtensions
{
    /// <summary>
    /// The Telegram channel: the Bot API client, then the outbox sender, update processor and receiver, started in that
    /// order; the broadcast sender and the fieldwork scanner (reminders, expiry) beside them.
    /// </summary>
    public static IServiceCollection AddTelegramChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTelegramClient(configuration);
        services.AddOptions<BroadcastOptions>().Bind(configuration.GetSection(BroadcastOptions.Section))
            .Validate(o => o.MessagesPerSecond is > 0 and <= 30, "Broadcast:MessagesPerSecond must be 1-30 (Telegram's limit)")
            .Validate(o => o.PaidMessagesPerSecond is > 0 and <= 1000, "Broadcast:PaidMessagesPerSecond must be 1-1000")
            .Validate(o => o.Concurrency > 0 && o.MaxAttempts > 0 && o.MaxCsvBytes > 0, "Broadcast:Concurrency, MaxAttempts and MaxCsvBytes must be positive")
            .ValidateOnStart();
        services.AddOptions<FieldworkOptions>().Bind(configuration.GetSection(FieldworkOptions.Section))
            .Validate(o => o.ScanIntervalSeconds > 0 && o.InvitationValidDays is > 0 and <= 365 && o.MaxLinksPerMessage > 0, "Fieldwork settings must be positive (InvitationValidDays at most 365)")
            .ValidateOnStart();
        services.AddSingleton<LoopSupervisor>();
        services.AddSingleton<BotIdentity>();
        services.AddSingleton<StaffCommands>();
        services.AddSingleton<UpdateHandler>();
        services.AddSingleton<ReportRenderer>();
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<UpdateProcessor>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxSender>());
        services.AddHostedService(provider => provider.GetRequiredService<UpdateProcessor>());
        services.AddHostedService<TelegramReceiver>();
        services.AddSingleton<BroadcastSender>();
        services.AddHostedService(provider => provider.GetRequiredService<BroadcastSender>());
        services.AddHostedService<FieldworkScanner>();
        return services;
    }
}
