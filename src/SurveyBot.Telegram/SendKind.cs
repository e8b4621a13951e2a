namespace SurveyBot.Channels.Telegram;

/// <summary>What a Bot API call does to a chat, which decides whether it counts against the message limits.</summary>
public enum SendKind
{
    /// <summary>A new message in the chat in reply to the respondent (sendMessage, sendDocument, sendPhoto): paced per chat, and under the global cap when an operator sets one.</summary>
    Message,

    /// <summary>An edit of a message already sent (editMessageText, editMessageReplyMarkup): Telegram counts it like a message, in the chat's limit and any global cap.</summary>
    Edit,

    /// <summary>A message nobody just asked for (a reminder): paced per chat and taken from the bulk allowance broadcasts use.</summary>
    Bulk,

    /// <summary>answerCallbackQuery: stops the button spinner; not a message, so not counted.</summary>
    CallbackAnswer,

    /// <summary>Any other call (getMe, setMyCommands, getFile): retried like the rest, never rate limited.</summary>
    Other,
}
