using Telegram.Bot.Types;

namespace SurveyBot.Channels.Telegram;

/// <summary>
/// A stored update waiting to be handled (<paramref name="InboxId"/>: its inbox row), with the chat that orders it and
/// the digest its payload becomes once handled (<see cref="SurveyBot.Storage.InboxStore.Digest"/>).
/// </summary>
public sealed record InboxItem(long InboxId, long UpdateId, long ChatId, Update Update, string Digest);
