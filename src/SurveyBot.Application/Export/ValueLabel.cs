namespace SurveyBot.Export;

/// <summary>The label of one code of a variable (e.g. SPSS VALUE LABELS, the labelled sheet).</summary>
public sealed record ValueLabel(int Value, string Label);
