namespace SurveyBot.Channels.Telegram;

/// <summary>
/// What the rate limiters need to know about one call attempt: the chat, whether it is a message, and whether it is bulk
/// (unsolicited). A broadcast's message takes the bulk allowance at its own rate (<paramref name="BulkRate"/>, paid
/// broadcasts go faster) and no per-chat pace or global reply cap.
/// </summary>
internal readonly record struct SendTicket(long ChatId, bool CountsAsMessage, bool PacedPerChat, bool Bulk, int BulkRate = 0, bool Broadcast = false);
