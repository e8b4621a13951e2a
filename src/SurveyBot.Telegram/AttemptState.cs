using Telegram.Bot;

namespace SurveyBot.Channels.Telegram;

/// <summary>One send's call and its attempt count, carried through the resilience pipeline without a closure.</summary>
internal sealed class AttemptState<T>(ITelegramBotClient bot, Func<ITelegramBotClient, CancellationToken, Task<T>> call)
{
    public ITelegramBotClient Bot { get; } = bot;

    public Func<ITelegramBotClient, CancellationToken, Task<T>> Call { get; } = call;

    public int Attempts { get; set; }
}
