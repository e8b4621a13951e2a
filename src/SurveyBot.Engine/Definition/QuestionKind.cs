namespace SurveyBot.Engine.Definition;

/// <summary>The kinds of node a flow file may hold (see docs/flow-format.md).</summary>
public enum QuestionKind
{
    Info,
    Single,
    Numeric,
    Recode,
    Scale,
    Matrix,
    Rank,
    Open,
}
