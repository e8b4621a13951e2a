using SurveyBot.Engine.Kinds;

namespace SurveyBot.Export;

/// <summary>
/// One column of the results table as the labelled formats describe it: its SPSS-safe name, whether
/// it holds numbers, its label, value labels, user-missing codes and the routing that decides when it
/// is asked. Everything here derives from the flow definition.
/// </summary>
public sealed record ExportVariable(string Column, string Name, bool IsNumeric, string Label)
{
    public IReadOnlyList<ValueLabel> ValueLabels { get; init; } = [];

    /// <summary>Codes that are answers but not values (the not-applicable code of a matrix).</summary>
    public IReadOnlyList<int> MissingValues { get; init; } = [];

    /// <summary>The flow node that stores this column; null for the metadata columns.</summary>
    public string? NodeCode { get; init; }

    /// <summary>The node's kind as written in flow files (<c>single</c>, <c>matrix</c>...) or <c>metadata</c>.</summary>
    public string Kind { get; init; } = "metadata";

    /// <summary>When the column is asked (show_if, the other option chosen); null when always.</summary>
    public string? AskedWhen { get; init; }

    /// <summary>The condition that ends the interview right after this column is answered.</summary>
    public string? ScreenOutIf { get; init; }

    /// <summary>The full question text (for the codebook).</summary>
    public string? QuestionText { get; init; }

    /// <summary>Valid range, when the column is a bounded number (scale points, numeric min/max).</summary>
    public (int Min, int Max)? Range { get; init; }

    /// <summary>
    /// How the column is measured: as the question's kind describes it; for the metadata and quality columns,
    /// codes with labels (and the flow version) are categories, counts and durations quantities.
    /// </summary>
    public MeasurementLevel Level
    {
        get => _level ?? (Column == "flow_version" || ValueLabels.Count > 0 || !IsNumeric ? MeasurementLevel.Nominal : MeasurementLevel.Scale);
        init => _level = value;
    }

    private readonly MeasurementLevel? _level;

    public string? LabelOf(int value) => ValueLabels.FirstOrDefault(v => v.Value == value)?.Label;
}
