namespace SurveyBot.Channels.Telegram;

/// <summary>How one Bot API call for a chat ended.</summary>
public enum SendOutcome
{
    /// <summary>Telegram accepted the call.</summary>
    Sent,

    /// <summary>
    /// An edit changed nothing (400 "message is not modified"): the same edit already landed, e.g. before a
    /// restart, so the chat shows what SurveyBot wanted. Counts as delivered.
    /// </summary>
    Unchanged,

    /// <summary>403: the respondent blocked the bot (or the chat is gone). Never retried; the contact is stopped.</summary>
    Blocked,

    /// <summary>A permanent error (another 4xx): repeating the same call would fail the same way.</summary>
    Failed,

    /// <summary>
    /// Every attempt met a transient error (429, 5xx, a dropped connection, a timeout): Telegram is
    /// unreachable or overloaded for now, and the same call may well succeed later.
    /// </summary>
    Unavailable,
}
