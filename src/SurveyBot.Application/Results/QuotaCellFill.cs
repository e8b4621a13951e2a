namespace SurveyBot.Results;

/// <summary>One quota cell: its codes, their labels joined (e.g. "종로구 · 남성 · 20-29세"), completed interviews and target.</summary>
public sealed record QuotaCellFill(IReadOnlyList<int> Values, string Label, int Completed, int Target)
{
    public bool Full => Completed >= Target;
}
