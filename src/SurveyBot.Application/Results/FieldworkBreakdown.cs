namespace SurveyBot.Results;

/// <summary>Completed interviews by the values of one coded column (a <c>report.breakdowns</c> entry).</summary>
public sealed record FieldworkBreakdown(string Code, string Label, IReadOnlyList<BreakdownRow> Rows);
