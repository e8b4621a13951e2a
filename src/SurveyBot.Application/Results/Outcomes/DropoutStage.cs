namespace SurveyBot.Results.Outcomes;

/// <summary>
/// One stage of the funnel from start to completion: a question (or the start, or completion), how many
/// interviews reached it, and how many of the interviews that stopped early stand at it.
/// </summary>
public sealed record DropoutStage(string Code, string Label, int Reached, int StoppedHere);
