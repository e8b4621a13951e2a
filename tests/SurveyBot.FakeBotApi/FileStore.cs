using System.Collections.Concurrent;

namespace SurveyBot.FakeBotApi;

/// <summary>Files addressable by file_id (getFile, re-sending) and by file_path (downloads).</summary>
internal sealed class FileStore
{
    private readonly ConcurrentDictionary<string, StoredFile> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StoredFile> _byPath = new(StringComparer.Ordinal);
    private long _next;

    public StoredFile Add(string folder, string fileName, string? mimeType, byte[] bytes)
    {
        var n = Interlocked.Increment(ref _next);
        var extension = Path.GetExtension(fileName);
        var file = new StoredFile(
            FileId: $"BQACAgIAAx-fake-{folder}-{n}",
            FileUniqueId: $"AgADfake{n}",
            FilePath: $"{folder}/file_{n}{extension}",
            FileName: fileName,
            MimeType: string.IsNullOrEmpty(mimeType) || mimeType == "application/octet-stream" ? GuessMimeType(fileName) : mimeType,
            Bytes: bytes);
        _byId[file.FileId] = file;
        _byPath[file.FilePath] = file;
        return file;
    }

    public StoredFile? ById(string fileId) => _byId.TryGetValue(fileId, out var file) ? file : null;

    public StoredFile? ByPath(string filePath) => _byPath.TryGetValue(filePath, out var file) ? file : null;

    public static string GuessMimeType(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".csv" => "text/csv",
        ".txt" => "text/plain",
        ".json" => "application/json",
        ".yaml" or ".yml" => "application/yaml",
        ".pdf" => "application/pdf",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".zip" => "application/zip",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".ogg" or ".oga" => "audio/ogg",
        ".webp" => "image/webp",
        _ => "application/octet-stream",
    };
}
