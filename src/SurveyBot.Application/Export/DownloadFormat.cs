namespace SurveyBot.Export;

/// <summary>
/// What an admin downloads in a chat: one name per need, which may be several files
/// (<see cref="Spss"/> is the .sav, the .sps syntax and the CSV that syntax reads).
/// </summary>
public enum DownloadFormat
{
    Csv,
    Xlsx,
    Spss,
    Codebook,

    /// <summary>The case file: every case with its AAPOR final disposition.</summary>
    Cases,

    /// <summary>The paradata file: answer timings, visits and reminders per answered question.</summary>
    Paradata,
}
