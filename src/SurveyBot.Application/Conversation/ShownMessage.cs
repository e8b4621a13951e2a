namespace SurveyBot.Conversation;

/// <summary>One of SurveyBot's messages as the channel shows it now: its text, when it was sent and the data of its buttons.</summary>
public sealed record ShownMessage(int MessageId, string? Text, DateTime SentAt, IReadOnlyList<string> ButtonData);
