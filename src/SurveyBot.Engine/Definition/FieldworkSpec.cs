namespace SurveyBot.Engine.Definition;

/// <summary>
/// The optional <c>fieldwork</c> section of a flow: when an idle interview in progress gets a reminder, how many it
/// gets at most, and when it is given up as <c>expired</c>. Null periods switch that part off. It also holds
/// what the outcome rates need: when an unfinished interview counts as a partial, and the eligibility estimate.
/// </summary>
public sealed record FieldworkSpec(TimeSpan? RemindAfter, int MaxReminders, TimeSpan? ExpireAfter)
{
    public static FieldworkSpec None { get; } = new(null, 0, null);

    /// <summary>
    /// The share of the flow's questions an interview that stopped early must have answered to count as a
    /// partial (AAPOR 1.2) rather than a break-off (2.12); <c>partial_after</c>, 0.5 by default.
    /// </summary>
    public double PartialAfter { get; init; } = 0.5;

    /// <summary>
    /// The estimated share of eligible cases among those of unknown eligibility (AAPOR's e, for RR3, RR4,
    /// REF2 and CON2); <c>eligibility</c>. Null: estimated from the cases of known eligibility.
    /// </summary>
    public double? Eligibility { get; init; }

    public int Line { get; init; }

    /// <summary>Whether anything is scheduled at all.</summary>
    public bool IsActive => (RemindAfter is not null && MaxReminders > 0) || ExpireAfter is not null;
}
