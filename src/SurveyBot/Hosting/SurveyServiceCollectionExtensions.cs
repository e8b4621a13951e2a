using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SurveyBot.Configuration;
using SurveyBot.Flows;

namespace SurveyBot.Hosting;

public static class SurveyServiceCollectionExtensions
{
    /// <summary>Flows (the <c>Survey</c> section), who may do what (the <c>Access</c> section) and the clock.</summary>
    public static IServiceCollection AddSurveyFlows(this IServiceCollection services)
    {
        services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SurveyOptions>, SurveyOptionsValidator>());
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>());
        services.AddSingleton<FlowCatalog>();
        // After the migrator (registered with the storage, before this): flow versions need their table.
        services.AddHostedService<FlowVersionRegistrar>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
