namespace SurveyBot.Engine.Definition;

/// <summary>A quota cell whose target differs from the quota's own: its codes, in the quota's variable order, and its places.</summary>
public sealed record QuotaCellTarget(IReadOnlyList<int> Values, int Target)
{
    public int Line { get; init; }
}
