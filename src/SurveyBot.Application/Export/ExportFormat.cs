namespace SurveyBot.Export;

/// <summary>The result formats an admin can download.</summary>
public enum ExportFormat
{
    Csv,
    Xlsx,
    Sav,
    Sps,
    Codebook,

    /// <summary>One row per case with its AAPOR final disposition (CSV).</summary>
    Cases,

    /// <summary>One row per answered question: shown, answered, seconds, visits, reminder (CSV).</summary>
    Paradata,
}
