namespace SurveyBot.Engine.Definition;

/// <summary>The "not applicable" answer of a matrix (비해당), stored with its own code (99 in the seed).</summary>
public sealed record NotApplicableOption(int Code, string Label);
