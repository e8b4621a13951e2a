namespace SurveyBot.Engine.Kinds.Charts;

/// <summary>The share of completed interviews picking each option, one 0/1 column per option (a select-multiple).</summary>
public sealed record ShareChart(string Code, IReadOnlyList<(string Column, string Label)> Options) : ChartSpec(Code);
