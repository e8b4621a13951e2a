namespace SurveyBot.FakeBotApi;

/// <summary>A file known to the fake: uploaded by SurveyBot or sent by a simulated respondent.</summary>
internal sealed record StoredFile(string FileId, string FileUniqueId, string FilePath, string FileName, string MimeType, byte[] Bytes);
