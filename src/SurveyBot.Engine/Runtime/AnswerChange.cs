namespace SurveyBot.Engine.Runtime;

/// <summary>A column stored (<see cref="Value"/> set) or erased (<see cref="Value"/> null) by one input.</summary>
public sealed record AnswerChange(string Column, string? Value);
