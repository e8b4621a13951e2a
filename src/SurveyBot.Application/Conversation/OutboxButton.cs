namespace SurveyBot.Conversation;

/// <summary>An inline keyboard button as stored in the outbox: its label and callback data.</summary>
public sealed record OutboxButton(string Text, string Data);
