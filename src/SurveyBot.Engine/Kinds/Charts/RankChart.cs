using SurveyBot.Engine.Definition;

namespace SurveyBot.Engine.Kinds.Charts;

/// <summary>First choices beside weighted scores (n points for the 1st of n picks ... 1 for the last), per option.</summary>
public sealed record RankChart(string Code, IReadOnlyList<string> Columns, IReadOnlyList<ChoiceOption> Options) : ChartSpec(Code);
