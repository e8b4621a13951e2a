namespace SurveyBot.FakeBotApi;

/// <summary>What a document/photo parameter referred to: an upload, a file_id or a URL.</summary>
internal sealed record InputFileRef(UploadedPart? Upload, string? FileId, string? Url);
