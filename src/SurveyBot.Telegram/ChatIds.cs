namespace SurveyBot.Channels.Telegram;

/// <summary>What a Telegram chat id says about the chat.</summary>
public static class ChatIds
{
    /// <summary>
    /// Groups, supergroups and channels have negative ids; a private chat's id is the user's, positive. A 429
    /// from a group is that group's own limit (about 20 messages a minute), not the bot's flood control.
    /// </summary>
    public static bool IsGroup(long chatId) => chatId < 0;
}
