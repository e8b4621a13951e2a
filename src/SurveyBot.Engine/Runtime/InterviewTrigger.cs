namespace SurveyBot.Engine.Runtime;

/// <summary>
/// Triggers of a flow's state machine. /back is not one: it undoes the last answer from the interview's history,
/// whatever route led there, rather than following the flow.
/// </summary>
public enum InterviewTrigger
{
    /// <summary>The interview starts: from <see cref="InterviewMachine.NotStarted"/> to the first step shown.</summary>
    Begin,

    /// <summary>The current step is answered.</summary>
    Answer,
}
