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
    /// can be written to. Tracked: the caller counts the reminder and stages it in one commit.
    /// </summary>
    public Task<List<RespondentRecord>> DueForReminderAsync(string flowId, string channel, DateTime idleBefore, int maxReminders, int limit, CancellationToken cancellationToken) =>
        db.Respondents
            .Where(r => r.FlowId == flowId && r.Channel == channel && r.Status == InterviewStore.InProgress
                && r.RemindersSent < maxReminders && r.UpdatedAt <= idleBefore
                && (r.LastRemindedAt == null || r.LastRemindedAt <= idleBefore)
                && db.Contacts.Any(c => c.ChatId == r.ChatId && c.State == ContactRecord.Active))
            .OrderBy(r => r.Id).Take(limit).ToListAsync(cancellationToken);
}
