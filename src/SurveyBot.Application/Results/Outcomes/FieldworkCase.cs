namespace SurveyBot.Results.Outcomes;

/// <summary>
/// One person the survey reached or tried to reach (an invitation link issued, a broadcast delivery, a /start),
/// with its final disposition as the stored facts stand. Times are UTC.
/// </summary>
/// <param name="CaseId">Pseudonymous and stable across exports; never derived from a Telegram id.</param>
/// <param name="RespondentId">The <c>respondent_id</c> of the wide export, when the person started an interview.</param>
/// <param name="Source">The invitation's or campaign's source, <c>link</c> for a flow's own link, <c>start</c> for a plain /start, <c>broadcast</c> for a broadcast's button.</param>
/// <param name="FirstContactAt">The first invitation known to have reached the person (a broadcast delivered), or the start when that came first.</param>
/// <param name="Reminders">Reminders sent: the flow's automatic ones plus staff reminders (<c>/broadcast in_progress</c>) delivered.</param>
public sealed record FieldworkCase(
    string CaseId,
    string? RespondentId,
    string Source,
    Disposition Disposition,
    DateTime? InvitedAt,
    DateTime? FirstContactAt,
    DateTime? StartedAt,
    DateTime? EndedAt,
    int Reminders);
