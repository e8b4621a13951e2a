namespace SurveyBot.Engine.Runtime;

/// <summary>Triggers of the per-respondent state machine.</summary>
public enum InterviewTrigger
{
    Begin,
    Answer,
    Back,
}
