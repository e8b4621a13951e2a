namespace SurveyBot.Engine.Definition;

/// <summary>One row of a matrix or one sub-answer of an open question; <see cref="Code"/> is its data column.</summary>
public sealed record MatrixItem(string Code, string Label)
{
    public int Line { get; init; }
}
