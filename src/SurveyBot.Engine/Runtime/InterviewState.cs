namespace SurveyBot.Engine.Runtime;

/// <summary>
/// Everything an interview is, kept outside the state machine so that it is rebuilt from storage on every input.
/// </summary>
public sealed class InterviewState
{
    public InterviewStatus Status { get; set; } = InterviewStatus.InProgress;

    /// <summary>The step being asked; null before the interview starts.</summary>
    public string? CurrentStep { get; set; }

    /// <summary>Stored answers by data column.</summary>
    public Dictionary<string, string> Answers { get; init; } = new(StringComparer.Ordinal);

    public List<HistoryEntry> History { get; init; } = [];

    /// <summary>The respondent's position among the flow's respondents (0-based): drives option rotation.</summary>
    public long Ordinal { get; set; }

    /// <summary>The code of the question whose answer ended the interview.</summary>
    public string? ScreenedOutAt { get; set; }
}
