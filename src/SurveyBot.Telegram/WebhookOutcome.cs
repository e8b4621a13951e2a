namespace SurveyBot.Channels.Telegram;

/// <summary>What became of one webhook call; the listener turns it into the HTTP status Telegram acts on.</summary>
public enum WebhookOutcome
{
    /// <summary>The update is committed to the inbox (or was already there): answer 200, Telegram forgets it.</summary>
    Stored,

    /// <summary>The body is no update: answer 400, nothing is stored.</summary>
    Malformed,

    /// <summary>Handling is behind (the queue is at <see cref="TelegramOptions.MaxQueuedUpdates"/>): Telegram must retry later.</summary>
    Busy,

    /// <summary>The inbox commit failed: Telegram must retry later.</summary>
    Unavailable,
}
