namespace SurveyBot.Channels.Telegram;

/// <summary>Describes failures for the log without stack traces or request addresses (which carry the bot token).</summary>
public static class TelegramLog
{
    public static string Describe(Exception error) => error.GetType().Name + ": " + error.Message;
}
