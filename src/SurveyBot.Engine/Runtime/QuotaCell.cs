using SurveyBot.Engine.Definition;

namespace SurveyBot.Engine.Runtime;

/// <summary>A respondent's cell of one quota: the codes of its variables, in the quota's order.</summary>
public sealed record QuotaCell(Quota Quota, IReadOnlyList<int> Values)
{
    /// <summary>The cell's key as <see cref="QuotaCounts"/> and reports write it.</summary>
    public string Key => Quota.KeyOf(Values);
}
