namespace SurveyBot.Configuration;

/// <summary>Where a flow's fielding window stands at one moment.</summary>
public enum FieldingPhase
{
    /// <summary>Before Opens: nothing starts.</summary>
    NotYetOpen,

    /// <summary>New interviews start, interviews in progress go on.</summary>
    Open,

    /// <summary>After Closes, within the grace period: nothing new starts, interviews in progress may finish.</summary>
    Grace,

    /// <summary>After the grace period: every input gets the closed message and changes nothing.</summary>
    Closed,
}
