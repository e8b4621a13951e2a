namespace SurveyBot.Engine.Kinds;

/// <summary>
/// One data column as a kind describes it for the labelled exports: whether it holds numbers, its label, value
/// labels, user-missing codes, valid range, measurement level and the routing that decides when it is asked.
/// </summary>
public sealed record ColumnSpec(string Column, bool IsNumeric, string Label)
{
    public IReadOnlyList<ValueLabel> ValueLabels { get; init; } = [];

    /// <summary>Codes that are answers but not values (the not-applicable code of a matrix).</summary>
    public IReadOnlyList<int> MissingValues { get; init; } = [];

    /// <summary>When the column is asked (show_if, the other option chosen); null when always.</summary>
    public string? AskedWhen { get; init; }

    /// <summary>The condition that ends the interview right after this column is answered.</summary>
    public string? ScreenOutIf { get; init; }

    /// <summary>Valid range, when the column is a bounded number (scale points, numeric min/max).</summary>
    public (int Min, int Max)? Range { get; init; }

    /// <summary>How the column is measured (codes name categories, scale points are ordered, typed numbers are quantities).</summary>
    public MeasurementLevel Level { get; init; } = MeasurementLevel.Nominal;
}
