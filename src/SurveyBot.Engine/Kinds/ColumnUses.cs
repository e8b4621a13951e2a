namespace SurveyBot.Engine.Kinds;

/// <summary>What the rest of a flow may do with a kind's coded column (its node code).</summary>
[Flags]
public enum ColumnUses
{
    None = 0,

    /// <summary>A recode may read it (<c>from:</c>): it holds a whole number.</summary>
    RecodeSource = 1,

    /// <summary>The report may break completed interviews down by it.</summary>
    Breakdown = 2,

    /// <summary>A quota may count completed interviews by it.</summary>
    QuotaVariable = 4,
}
