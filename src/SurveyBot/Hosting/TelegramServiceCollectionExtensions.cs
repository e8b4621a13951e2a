using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SurveyBot.Channels.Telegram;
using SurveyBot.Conversation;
using SurveyBot.Fieldwork;
using SurveyBot.Retention;
using SurveyBot.Staff;
using SurveyBot.Supervision;

namespace SurveyBot.Hosting;

public static class TelegramServiceCollectionExtensions
{
    /// <summary>
    /// The Telegram channel: the Bot API client, then the outbox sender, update processor and receiver (the polling loop,
    /// or in webhook mode the intake, its HTTP listener and the webhook registration), started in that order; the broadcast sender, the fieldwork scanner (reminders, expiry) and the retention pruner beside them.
    /// </summary>
    public static IServiceCollection AddTelegramChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTelegramClient(configuration);
        services.AddOptions<BroadcastOptions>().Bind(configuration.GetSection(BroadcastOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BroadcastOptions>, BroadcastOptionsValidator>());
        services.AddOptions<FieldworkOptions>().Bind(configuration.GetSection(FieldworkOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FieldworkOptions>, FieldworkOptionsValidator>());
        services.AddSingleton<LoopSupervisor>();
        services.AddSingleton<BotIdentity>();
        services.AddConversation();
        services.AddSingleton<RecipientListImporter>();
        services.AddSingleton<ReportRenderer>();
        services.AddSingleton<RecipientListDownloader>();
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<IOutboxQueue>(provider => provider.GetRequiredService<OutboxSender>());
        services.AddSingleton<WalPurger>();
        services.AddHostedService(provider => provider.GetRequiredService<WalPurger>());
        services.AddSingleton<UpdateProcessor>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxSender>());
        services.AddHostedService(provider => provider.GetRequiredService<UpdateProcessor>());
        services.AddSingleton<InboxWriter>();
        if (string.Equals(configuration[$"{TelegramOptions.Section}:{nameof(TelegramOptions.Mode)}"], TelegramOptions.WebhookMode, StringComparison.OrdinalIgnoreCase))
        {
            // Telegram posts the updates: the intake stores them, the listener serves it, the registration tells Telegram where.
            services.AddSingleton<WebhookIntake>();
            services.AddHostedService(provider => provider.GetRequiredService<WebhookIntake>());
            services.AddHostedService<WebhookListener>();
            services.AddHostedService<WebhookRegistration>();
        }
        else
        {
            services.AddHostedService<TelegramReceiver>();
        }
        services.AddSingleton<BroadcastSender>();
        services.AddHostedService(provider => provider.GetRequiredService<BroadcastSender>());
        services.AddHostedService<FieldworkScanner>();
        services.AddHostedService<RetentionPruner>();
        services.AddHostedService<NativeHeapTrimmer>();
        services.AddHostedService<HeapCeilingKeeper>();
        return services;
    }
}
