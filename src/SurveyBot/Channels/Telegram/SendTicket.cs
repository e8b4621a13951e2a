namespace SurveyBot.Channels.Telegram;

/// <summary>What the rate limiters need to know about one call attempt: the chat, whether it is a message, and whether it is bulk (unsolicited).</summary>
internal readonly record struct SendTicket(long ChatId, bool CountsAsMessage, bool PacedPerChat, bool Bulk);
