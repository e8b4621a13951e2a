namespace SurveyBot.Channels.Telegram;

/// <summary>A report ready to send, in order; disposing it deletes the temporary files it was rendered to.</summary>
public sealed class RenderedReport(IReadOnlyList<ReportPart> parts, string? folder = null) : IDisposable
{
    public IReadOnlyList<ReportPart> Parts { get; } = parts;

    public void Dispose()
    {
        if (folder is not null) DeleteFolder(folder);
    }

    /// <summary>Deletes a temporary folder; one that cannot be deleted now (a file still open) is left to the OS.</summary>
    public static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
        }
    }
}
