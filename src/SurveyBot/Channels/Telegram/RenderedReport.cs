namespace SurveyBot.Channels.Telegram;

/// <summary>A report ready to send, in order; disposing it deletes the temporary files it was rendered to.</summary>
public sealed class RenderedReport(IReadOnlyList<ReportPart> parts, string? folder = null) : IDisposable
{
    public IReadOnlyList<ReportPart> Parts { get; } = parts;

    public void Dispose()
    {
        if (folder is null) return;
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere: the temporary folder is left to the OS.
        }
    }
}
