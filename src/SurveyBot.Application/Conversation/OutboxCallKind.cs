namespace SurveyBot.Conversation;

/// <summary>The kind of reply an outbox call stands for (a channel makes it with its own calls).</summary>
public enum OutboxCallKind
{
    /// <summary>sendMessage: a question, a notice or a closing message.</summary>
    Send,

    /// <summary>sendPhoto: a question's picture (<see cref="OutboxCall.FilePath"/>), the question as its caption when it fits one.</summary>
    Photo,

    /// <summary>editMessageText: an answered question marked as answered, or a rank question updated in place.</summary>
    Edit,

    /// <summary>answerCallbackQuery: stops the pressed button's spinner, with a short notice when the press was refused.</summary>
    AnswerCallback,

    /// <summary>An admin report (<see cref="OutboxCall.Report"/>), rendered when sent: sendDocument, sendPhoto or sendMessage.</summary>
    Report,

    /// <summary>leaveChat: the bot leaves a group, after saying there that it works in private chats.</summary>
    Leave,

    /// <summary>
    /// A staff list of chat ids (<see cref="OutboxCall.Import"/>): downloaded when sent, outside the unit of work that
    /// handled the command, then stored as a draft broadcast and answered with its preview.
    /// </summary>
    ImportRecipients,
}
