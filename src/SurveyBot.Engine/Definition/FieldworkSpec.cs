namespace SurveyBot.Engine.Definition;

/// <summary>
/// The optional <c>fieldwork</c> section of a flow: when an idle interview in progress gets a reminder, how many it
/// gets at most, and when it is given up as <c>expired</c>. Null periods switch that part off.
/// </summary>
public sealed record FieldworkSpec(TimeSpan? RemindAfter, int MaxReminders, TimeSpan? ExpireAfter)
{
    public static FieldworkSpec None { get; } = new(null, 0, null);

    public int Line { get; init; }

    /// <summary>Whether anything is scheduled at all.</summary>
    public bool IsActive => (RemindAfter is not null && MaxReminders > 0) || ExpireAfter is not null;
}
