namespace SurveyBot.Engine.Runtime;

/// <summary>Where an interview stands; the names are the export's <c>status</c> values.</summary>
public enum InterviewStatus
{
    InProgress,
    Completed,
    ScreenedOut,
    QuotaFull,
    Expired,
}
