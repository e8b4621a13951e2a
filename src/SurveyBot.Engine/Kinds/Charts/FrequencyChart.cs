namespace SurveyBot.Engine.Kinds.Charts;

/// <summary>How many completed interviews gave each value of one column (a single choice, scale or recode).</summary>
public sealed record FrequencyChart(string Code, string Column, IReadOnlyList<ValueLabel> Categories) : ChartSpec(Code)
{
    /// <summary>True when each category's label is already the bar's full label; otherwise bars read "code label".</summary>
    public bool Labelled { get; init; }
}
