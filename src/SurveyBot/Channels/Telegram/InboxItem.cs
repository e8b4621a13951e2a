using Telegram.Bot.Types;

namespace SurveyBot.Channels.Telegram;

/// <summary>A stored update waiting to be handled, with the chat that orders it.</summary>
public sealed record InboxItem(long UpdateId, long ChatId, Update Update);
