namespace SurveyBot.Results.Outcomes;

/// <summary>
/// A final disposition code of AAPOR's Standard Definitions (10th edition, 2023; the codes of its table for
/// internet surveys of specifically named persons), with the label SurveyBot exports and the group it counts
/// in for the outcome rates.
/// </summary>
public sealed record Disposition(string Code, string Label, DispositionGroup Group)
{
    public static readonly Disposition Complete = new("1.1", "Complete", DispositionGroup.Complete);
    public static readonly Disposition Partial = new("1.2", "Partial", DispositionGroup.Partial);
    public static readonly Disposition ExplicitRefusal = new("2.111", "Refusal: opted out (/stop)", DispositionGroup.Refusal);
    public static readonly Disposition LoggedOnNoItems = new("2.1121", "Implicit refusal: started, answered no question", DispositionGroup.Refusal);
    public static readonly Disposition BreakOff = new("2.12", "Break-off: stopped before the partial threshold", DispositionGroup.Refusal);
    public static readonly Disposition NoInvitationSent = new("3.11", "No invitation sent (queued, or the send failed)", DispositionGroup.Unknown);
    public static readonly Disposition NothingReturned = new("3.19", "Invited, never started", DispositionGroup.Unknown);
    public static readonly Disposition Undeliverable = new("3.30", "Invitation undeliverable (blocked or deactivated: 403)", DispositionGroup.Unknown);
    public static readonly Disposition ScreenedOut = new("4.10", "Not eligible: screened out", DispositionGroup.NotEligible);
    public static readonly Disposition QuotaFilled = new("4.80", "Not eligible: quota filled", DispositionGroup.NotEligible);

    /// <summary>Every code SurveyBot assigns, in code order (the order of the docs' table and of <c>stats</c>).</summary>
    public static IReadOnlyList<Disposition> All { get; } =
        [Complete, Partial, ExplicitRefusal, LoggedOnNoItems, BreakOff, NoInvitationSent, NothingReturned, Undeliverable, ScreenedOut, QuotaFilled];
}
