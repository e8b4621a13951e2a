using SurveyBot.Storage;

namespace SurveyBot.Channels.Telegram;

/// <summary>
/// What became of one or more outbox calls: <paramref name="Done"/> is false when Telegram was unavailable and
/// they are to be tried again; <paramref name="Stop"/> is set when the chat blocked the bot.
/// </summary>
public sealed record CallOutcome(bool Done, OutboxResult? Stop);
