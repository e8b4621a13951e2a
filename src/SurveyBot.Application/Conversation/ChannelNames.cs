namespace SurveyBot.Conversation;

/// <summary>The channel a respondent is stored under: a chat id means something only within its channel.</summary>
public static class ChannelNames
{
    public const string Telegram = "telegram";
    public const string Console = "console";
}
