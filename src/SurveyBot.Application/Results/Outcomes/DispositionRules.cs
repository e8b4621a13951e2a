namespace SurveyBot.Results.Outcomes;

/// <summary>
/// Maps stored facts to AAPOR final dispositions (docs/fieldwork.md has the table). Pure: the same facts give
/// the same code, so an export taken while fieldwork runs codes each open interview as it stands then.
/// </summary>
public static class DispositionRules
{
    /// <summary>An interview: its status, and for one that stopped early how much of the flow it answered.</summary>
    /// <param name="questions">The flow's shown questions (the denominator of <paramref name="partialAfter"/>).</param>
    public static Disposition ForInterview(CaseFacts facts, int questions, double partialAfter) => facts.Status switch
    {
        "completed" => Disposition.Complete,
        "screened_out" => Disposition.ScreenedOut,
        "quota_full" => Disposition.QuotaFilled,
        _ when questions > 0 && facts.AnsweredQuestions >= partialAfter * questions => Disposition.Partial,
        _ when facts.OptedOut => Disposition.ExplicitRefusal,
        _ when facts.AnsweredQuestions == 0 => Disposition.LoggedOnNoItems,
        _ => Disposition.BreakOff,
    };

    /// <summary>A person invited by broadcast who never started: how the deliveries to them ended.</summary>
    /// <param name="deliveryStatuses">The statuses of the invitations' deliveries to the chat.</param>
    /// <param name="contactState">The chat's contact state (<c>active</c>, <c>blocked</c>, <c>stopped</c>), null when unknown.</param>
    public static Disposition ForInvitedOnly(IReadOnlyCollection<string> deliveryStatuses, string? contactState) =>
        contactState == "stopped" ? Disposition.ExplicitRefusal
        : deliveryStatuses.Contains("sent") ? Disposition.NothingReturned
        : deliveryStatuses.Contains("blocked") || contactState == "blocked" ? Disposition.Undeliverable
        : Disposition.NoInvitationSent;
}
