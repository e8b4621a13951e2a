namespace SurveyBot.FakeBotApi;

/// <summary>A file part of a multipart request, read eagerly so handlers stay synchronous.</summary>
internal sealed record UploadedPart(string Name, string FileName, string? ContentType, byte[] Bytes);
