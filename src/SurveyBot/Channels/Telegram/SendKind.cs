namespace SurveyBot.Channels.Telegram;

/// <summary>What a Bot API call does to a chat, which decides whether it counts against the message limits.</summary>
public enum SendKind
{
    /// <summary>A new message in the chat (sendMessage, sendDocument, sendPhoto): counted globally and per chat.</summary>
    Message,

    /// <summary>An edit of a message already sent (editMessageText, editMessageReplyMarkup): counted against the global limit; not paced per chat, since it adds no message to the chat and answers the respondent's own press.</summary>
    Edit,

    /// <summary>answerCallbackQuery: stops the button spinner; not a message, so not counted.</summary>
    CallbackAnswer,

    /// <summary>Any other call (getMe, setMyCommands, getFile): retried like the rest, never rate limited.</summary>
    Other,
}
