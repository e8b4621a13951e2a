namespace SurveyBot.Engine.Runtime;

/// <summary>What one screen of an interview asks for.</summary>
public enum StepKind
{
    Info,
    Choice,
    Numeric,
    Rating,
    RankPick,
    OpenText,
    OtherText,

    /// <summary>A hidden recode: never shown, computed when the interview passes it.</summary>
    Recode,
}
