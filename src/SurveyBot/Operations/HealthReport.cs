namespace SurveyBot.Operations;

/// <summary>What <see cref="HealthCheck"/> found: healthy only when every line is.</summary>
public sealed class HealthReport(IReadOnlyList<HealthLine> lines)
{
    public IReadOnlyList<HealthLine> Lines { get; } = lines;

    public bool IsHealthy => Lines.All(l => l.Healthy);

    /// <summary>The report as printed by the <c>health</c> verb, ending with the verdict.</summary>
    public string ToText() =>
        string.Join(Environment.NewLine, Lines.Select(l => l.ToString()).Append(IsHealthy ? "healthy" : "UNHEALTHY"));
}
