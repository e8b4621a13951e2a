using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SurveyBot.Configuration;
using SurveyBot.Flows;
using SurveyBot.Retention;

namespace SurveyBot.Hosting;

public static class SurveyServiceCollectionExtensions
{
    /// <summary>Flows (the <c>Survey</c> section), who may do what (the <c>Access</c> section), how long transport data is kept (the <c>Retention</c> section) and the clock.</summary>
    public static IServiceCollection AddSurveyFlows(this IServiceCollection services)
    {
        services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SurveyOptions>, SurveyOptionsValidator>());
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>());
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section)
            .Validate(o => o.InboxDays is >= 1 and <= RetentionOptions.MaxDays, $"Retention:InboxDays must be 1-{RetentionOptions.MaxDays} (days)")
            .Validate(o => o.OutboxDays is >= 1 and <= RetentionOptions.MaxDays, $"Retention:OutboxDays must be 1-{RetentionOptions.MaxDays} (days)")
            .Validate(o => o.DeliveryDays is >= 1 and <= RetentionOptions.MaxDays, $"Retention:DeliveryDays must be 1-{RetentionOptions.MaxDays} (days)")
            .Validate(o => o.SetAsideDays is >= 1 and <= RetentionOptions.MaxDays, $"Retention:SetAsideDays must be 1-{RetentionOptions.MaxDays} (days)")
            .Validate(o => o.PruneIntervalMinutes is >= 1 and <= 1440, "Retention:PruneIntervalMinutes must be 1-1440 (minutes)")
            .ValidateOnStart();
        services.AddSingleton<FlowCatalog>();
        // After the migrator (registered with the storage, before this): flow versions need their table.
        services.AddHostedService<FlowVersionRegistrar>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
