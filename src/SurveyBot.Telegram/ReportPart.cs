namespace SurveyBot.Channels.Telegram;

/// <summary>One message of a rendered report: a text, or a file on disk with its caption and the name the admin sees.</summary>
public sealed record ReportPart(ReportPartKind Kind, string? Text, string? FilePath = null, string? FileName = null);
