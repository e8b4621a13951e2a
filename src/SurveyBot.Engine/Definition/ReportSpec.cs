namespace SurveyBot.Engine.Definition;

/// <summary>The optional <c>report</c> section of a flow: how fieldwork statistics are broken down.</summary>
public sealed record ReportSpec(IReadOnlyList<string> Breakdowns)
{
    public static ReportSpec None { get; } = new([]);

    public int Line { get; init; }
}
