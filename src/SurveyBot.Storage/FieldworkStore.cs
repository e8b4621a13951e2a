using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage;

/// <summary>Interviews left idle: the ones due a reminder and the ones to mark expired.</summary>
public sealed class FieldworkStore(SurveyDbContext db)
{
    /// <summary>Marks interviews of the flow idle since before <paramref name="idleBefore"/> <c>expired</c>; returns how many.</summary>
    public Task<int> ExpireAsync(string flowId, DateTime idleBefore, CancellationToken cancellationToken) =>
        SingleWriterGate.WriteAsync(db, () => db.Respondents
            .Where(r => r.FlowId == flowId && r.Status == InterviewStore.InProgress && r.UpdatedAt < idleBefore)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, "expired"), cancellationToken), cancellationToken);

    /// <summary>
    /// Telegram interviews of the flow in progress whose respondent has been idle since <paramref name="idleBefore"/>
    /// (and was not reminded since), that had fewer than <paramref name="maxReminders"/> reminders, and whose contact
    /// can be written to. The caller claims each (<see cref="ClaimReminderAsync"/>) and stages its reminder in one commit.
    /// </summary>
    public Task<List<RespondentRecord>> DueForReminderAsync(string flowId, string channel, DateTime idleBefore, int maxReminders, int limit, CancellationToken cancellationToken) =>
        db.Respondents.AsNoTracking()
            .Where(r => r.FlowId == flowId && r.Channel == channel && r.Status == InterviewStore.InProgress
                && r.RemindersSent < maxReminders && r.UpdatedAt <= idleBefore
                && (r.LastRemindedAt == null || r.LastRemindedAt <= idleBefore)
                && db.Contacts.Any(c => c.ChatId == r.ChatId && c.State == ContactRecord.Active))
            .OrderBy(r => r.Id).Take(limit).ToListAsync(cancellationToken);

    /// <summary>
    /// Counts a reminder for <paramref name="due"/> (found by <see cref="DueForReminderAsync"/>) unless it was counted
    /// since: false when another instance sharing the database reminded the respondent first (its update holds the row;
    /// PostgreSQL re-reads the condition once that commits, and it no longer holds), or the respondent answered
    /// meanwhile. Run in the caller's transaction with the reminder's outbox row, so each reminder is sent once.
    /// </summary>
    public async Task<bool> ClaimReminderAsync(RespondentRecord due, DateTime idleBefore, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        var changed = await SingleWriterGate.WriteAsync(db, () => db.Respondents
            .Where(r => r.Id == due.Id && r.Status == InterviewStore.InProgress && r.RemindersSent == due.RemindersSent
                && r.UpdatedAt <= idleBefore && (r.LastRemindedAt == null || r.LastRemindedAt <= idleBefore))
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.RemindersSent, r => r.RemindersSent + 1).SetProperty(r => r.LastRemindedAt, now), cancellationToken), cancellationToken);
        return changed == 1;
    }
}
