using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SurveyBot.Conversation;
using SurveyBot.Staff;

namespace SurveyBot.Hosting;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>The channel-neutral conversation (respondent, staff and admin commands into reply intents), for every channel.</summary>
    public static IServiceCollection AddConversation(this IServiceCollection services)
    {
        services.TryAddSingleton<StaffCommands>();
        services.TryAddSingleton<ConversationHandler>();
        return services;
    }
}
