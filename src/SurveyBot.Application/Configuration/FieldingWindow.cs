namespace SurveyBot.Configuration;

/// <summary>
/// When a flow takes respondents (<c>Survey:Fielding:&lt;flowId&gt;</c>): new interviews start from
/// <see cref="Opens"/> until <see cref="Closes"/>; interviews already in progress at closing may
/// finish within <see cref="GraceHours"/> after it. A bound left out is open-ended.
/// </summary>
public sealed class FieldingWindow
{
    /// <summary>Always open: a flow without configured dates.</summary>
    public static FieldingWindow Always { get; } = new();

    public DateTimeOffset? Opens { get; set; }

    public DateTimeOffset? Closes { get; set; }

    public double GraceHours { get; set; }

    public FieldingPhase PhaseAt(DateTimeOffset now)
    {
        if (now < Opens) return FieldingPhase.NotYetOpen;
        if (Closes is not { } closes || now < closes) return FieldingPhase.Open;
        return now < closes.AddHours(GraceHours) ? FieldingPhase.Grace : FieldingPhase.Closed;
    }

    /// <summary>What is wrong with the configured values, or null.</summary>
    public string? Problem() =>
        Opens is { } opens && Closes is { } closes && closes <= opens ? "Closes must be after Opens"
        : GraceHours < 0 ? "GraceHours must be 0 or more"
        : null;
}
