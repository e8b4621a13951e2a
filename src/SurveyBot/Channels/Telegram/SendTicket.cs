namespace SurveyBot.Channels.Telegram;

/// <summary>What the rate limiters need to know about one call attempt: the chat, and whether it is a message.</summary>
internal readonly record struct SendTicket(long ChatId, bool CountsAsMessage, bool PacedPerChat);
