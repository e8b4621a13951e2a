using Telegram.Bot.Types;

namespace SurveyBot.Channels.Telegram;

/// <summary>An update posted to the webhook, waiting for the commit that stores it together with the others that arrived meanwhile.</summary>
internal sealed class WebhookArrival(Update update)
{
    public Update Update { get; } = update;

    public TaskCompletionSource<WebhookOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
