using SurveyBot.Engine.Definition;

namespace SurveyBot.Engine.Kinds.Charts;

/// <summary>The mean score per item on one scale with its count; <see cref="Excluded"/> names the answer left out (비해당).</summary>
public sealed record MeanChart(string Code, IReadOnlyList<MatrixItem> Items, ScaleSpec Scale, string? Excluded) : ChartSpec(Code);
