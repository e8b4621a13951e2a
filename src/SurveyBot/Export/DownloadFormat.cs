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
}
