namespace SurveyBot.Conversation;

/// <summary>A call decided for a chat while handling an update, before it is staged in the outbox.</summary>
public sealed record StagedCall(long ChatId, OutboxCall Call);
