namespace SurveyBot.Conversation;

/// <summary>A file a person sent, by the channel's id; its size when the channel says it (Telegram may not).</summary>
public sealed record SharedFile(string FileId, long? Size);
