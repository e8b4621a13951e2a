namespace SurveyBot.Export;

/// <summary>The result formats an admin can download.</summary>
public enum ExportFormat
{
    Csv,
    Xlsx,
    Sav,
    Sps,
    Codebook,
}
