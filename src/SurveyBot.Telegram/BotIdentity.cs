using Telegram.Bot;

namespace SurveyBot.Channels.Telegram;

/// <summary>The bot's username (from getMe, asked once), for invitation links <c>https://t.me/&lt;username&gt;?start=&lt;token&gt;</c>.</summary>
public sealed class BotIdentity(ITelegramBotClient bot)
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private string? _username;

    public async Task<string> UsernameAsync(CancellationToken cancellationToken)
    {
        if (_username is { } known) return known;
        await _once.WaitAsync(cancellationToken);
        try
        {
            _username ??= (await bot.GetMe(cancellationToken)).Username ?? throw new InvalidOperationException("getMe returned no username");
            return _username;
        }
        finally
        {
            _once.Release();
        }
    }

    public static string Link(string username, string startParameter) => $"https://t.me/{username}?start={startParameter}";
}
