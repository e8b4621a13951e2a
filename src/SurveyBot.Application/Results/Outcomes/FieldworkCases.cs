using Microsoft.EntityFrameworkCore;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Results.Outcomes;

/// <summary>
/// Reads every case of a flow from storage: each interview (whatever started it), each single-use invitation
/// link nobody used, and each chat a broadcast invitation went to that never started. Dispositions come from
/// <see cref="DispositionRules"/>.
/// </summary>
public sealed class FieldworkCases(IDbContextFactory<SurveyDbContext> databases, FlowDefinition flow)
{
    /// <summary>The Telegram channel's name in storage: only its chats have contacts and deliveries.</summary>
    private const string Telegram = "telegram";

    /// <summary>A staff reminder to interviews in progress: it counts as a reminder, not an invitation.</summary>
    private const string ReminderAudience = "in_progress";

    public async Task<IReadOnlyList<FieldworkCase>> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var questions = QuestionColumns(flow);
        var respondents = await db.Respondents.AsNoTracking().Where(r => r.FlowId == flow.Id).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.PublicId, r.Channel, r.ChatId, r.Status, r.Source, r.StartedAt, r.CompletedAt, r.RemindersSent })
            .ToListAsync(cancellationToken);
        var open = new[] { InterviewStatus.InProgress.ToContract(), InterviewStatus.Expired.ToContract() };
        var answered = await (from a in db.Answers
                              join r in db.Respondents on a.RespondentId equals r.Id
                              where r.FlowId == flow.Id && open.Contains(r.Status) && questions.Contains(a.Code)
                              group a by a.RespondentId into g
                              select new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, cancellationToken);
        var contacts = await db.Contacts.AsNoTracking().ToDictionaryAsync(c => c.ChatId, c => c.State, cancellationToken);
        var invitations = await db.Invitations.AsNoTracking().Where(i => i.FlowId == flow.Id && i.SingleUse).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        var deliveries = await (from d in db.Deliveries
                                join b in db.Broadcasts on d.BroadcastId equals b.Id
                                where b.FlowId == flow.Id && b.Status != BroadcastRecord.Draft
                                select new Delivery(d.BroadcastId, d.ChatId, d.Status, d.UpdatedAt ?? b.StartedAt ?? b.CreatedAt, b.Audience == ReminderAudience))
            .ToListAsync(cancellationToken);

        var claimed = invitations.Where(i => i.ClaimedBy is not null).GroupBy(i => i.ClaimedBy!.Value).ToDictionary(g => g.Key, g => g.Min(i => i.CreatedAt));
        var invitationsTo = deliveries.Where(d => !d.Reminder).GroupBy(d => d.ChatId).ToDictionary(g => g.Key, g => g.ToList());
        var remindersTo = deliveries.Where(d => d.Reminder && d.Status == DeliveryRecord.Sent).GroupBy(d => d.ChatId).ToDictionary(g => g.Key, g => g.Count());

        var cases = new List<FieldworkCase>(respondents.Count);
        var started = new HashSet<long>();
        foreach (var r in respondents)
        {
            var telegram = r.Channel == Telegram;
            if (telegram) started.Add(r.ChatId);
            var sentTo = telegram ? invitationsTo.GetValueOrDefault(r.ChatId) ?? [] : [];
            DateTime? invited = Earliest(sentTo.Select(d => (DateTime?)d.At).Append(telegram && claimed.TryGetValue(r.ChatId, out var issued) ? issued : null));
            DateTime? reached = Earliest(sentTo.Where(d => d.Status == DeliveryRecord.Sent).Select(d => (DateTime?)d.At).Append(r.StartedAt));
            var facts = new CaseFacts(r.Status, answered.GetValueOrDefault(r.Id), telegram && contacts.GetValueOrDefault(r.ChatId) == ContactRecord.Stopped);
            var reminders = r.RemindersSent + (telegram ? remindersTo.GetValueOrDefault(r.ChatId) : 0);
            cases.Add(new FieldworkCase("C" + r.PublicId.TrimStart('R'), r.PublicId, r.Source ?? "start",
                DispositionRules.ForInterview(facts, questions.Count, flow.Fieldwork.PartialAfter),
                invited, reached, r.StartedAt, r.CompletedAt, reminders));
        }

        foreach (var unused in invitations.Where(i => i.ClaimedBy is null && i.Uses == 0))
            cases.Add(new FieldworkCase("I" + unused.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, unused.Source,
                Disposition.NothingReturned, unused.CreatedAt, null, null, null, 0));

        // A chat invited only by broadcast is named by its first broadcast and its place among that broadcast's
        // recipients in chat order: stable across exports, and it says nothing about who the chat is.
        var rank = deliveries.Where(d => !d.Reminder).GroupBy(d => d.BroadcastId)
            .SelectMany(g => g.OrderBy(d => d.ChatId).Select((d, i) => (d.BroadcastId, d.ChatId, Rank: i + 1)))
            .ToDictionary(x => (x.BroadcastId, x.ChatId), x => x.Rank);
        foreach (var (chat, sent) in invitationsTo.Where(kv => !started.Contains(kv.Key)))
        {
            var first = sent.OrderBy(d => d.BroadcastId).First();
            var delivered = Earliest(sent.Where(d => d.Status == DeliveryRecord.Sent).Select(d => (DateTime?)d.At));
            cases.Add(new FieldworkCase(
                $"B{first.BroadcastId.ToString(System.Globalization.CultureInfo.InvariantCulture)}-{rank[(first.BroadcastId, chat)].ToString(System.Globalization.CultureInfo.InvariantCulture)}",
                null, "broadcast", DispositionRules.ForInvitedOnly(sent.Select(d => d.Status).ToList(), contacts.GetValueOrDefault(chat)),
                Earliest(sent.Select(d => (DateTime?)d.At)), delivered, null, null, 0));
        }
        return cases;
    }

    /// <summary>The columns of the questions a respondent is shown (not recodes, rotation orders or other-specify texts).</summary>
    public static IReadOnlyList<string> QuestionColumns(FlowDefinition flow) =>
        new FlowPlan(flow).Steps.Where(s => s.Number > 0 && s.Column is not null).Select(s => s.Column!).ToList();

    private static DateTime? Earliest(IEnumerable<DateTime?> times) => times.Where(t => t is not null).DefaultIfEmpty(null).Min();

    private sealed record Delivery(long BroadcastId, long ChatId, string Status, DateTime At, bool Reminder);
}
