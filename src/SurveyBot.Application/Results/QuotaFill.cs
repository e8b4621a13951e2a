namespace SurveyBot.Results;

/// <summary>
/// How full one quota is: the cells holding completed interviews or a target of their own, and how
/// many cells (when the variables' codes are all known) are still empty at the default target.
/// </summary>
public sealed record QuotaFill(string Code, IReadOnlyList<string> Variables, int Target, IReadOnlyList<QuotaCellFill> Cells, int? EmptyCells);
