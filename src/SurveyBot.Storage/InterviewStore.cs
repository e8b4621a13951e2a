using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SurveyBot.Engine.Runtime;
using SurveyBot.Engine.Runtime.Events;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage;

/// <summary>
/// Reads interviews into engine state and stages what an input changed. Nothing here saves: the
/// caller commits once, so an answer, the new progress and (in Telegram) the inbox and outbox rows
/// land in one transaction.
/// </summary>
public sealed class InterviewStore(SurveyDbContext db)
{
    public const string InProgress = "in_progress";

    public Task<RespondentRecord?> FindInProgressAsync(string channel, long chatId, CancellationToken cancellationToken) =>
        db.Respondents.Where(r => r.Channel == channel && r.ChatId == chatId && r.Status == InProgress)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// For each chat, its interview in progress or else its most recent one, read in one query; used
    /// when many chats' inputs are handled together.
    /// </summary>
    public async Task<Dictionary<long, RespondentRecord>> FindCurrentAsync(string channel, IReadOnlyCollection<long> chatIds, CancellationToken cancellationToken)
    {
        var rows = await db.Respondents.Where(r => r.Channel == channel && chatIds.Contains(r.ChatId))
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var current = new Dictionary<long, RespondentRecord>();
        foreach (var row in rows)
        {
            // Later rows win, except that an interview in progress is never replaced by an ended one.
            if (current.TryGetValue(row.ChatId, out var seen) && seen.Status == InProgress && row.Status != InProgress) continue;
            current[row.ChatId] = row;
        }
        return current;
    }

    /// <summary>Rebuilds the engine state of many stored interviews (each from its own row).</summary>
    public static Dictionary<long, LoadedInterview> LoadMany(IEnumerable<RespondentRecord> records) =>
        records.ToDictionary(r => r.ChatId, Rebuild);

    /// <summary>The chat's most recent interview of <paramref name="flowId"/> that has ended (any status but in progress).</summary>
    public Task<RespondentRecord?> FindLatestEndedAsync(string channel, long chatId, string flowId, CancellationToken cancellationToken) =>
        db.Respondents.Where(r => r.Channel == channel && r.ChatId == chatId && r.FlowId == flowId && r.Status != InProgress)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The chat's most recent interview, whatever its status.</summary>
    public Task<RespondentRecord?> FindLatestAsync(string channel, long chatId, CancellationToken cancellationToken) =>
        db.Respondents.Where(r => r.Channel == channel && r.ChatId == chatId)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Stages a new respondent with the next ordinal of its flow. The counter moves in its own
    /// statement: a crash before the caller commits only skips an ordinal, which rotation tolerates.
    /// </summary>
    public async Task<LoadedInterview> CreateAsync(string channel, long chatId, string flowId, int flowVersion, string? source, DateTime now, CancellationToken cancellationToken)
    {
        var ordinal = await SingleWriterGate.WriteAsync(db, () => db.Database.SqlQuery<long>(
                $"INSERT INTO flow_counters (\"FlowId\", \"NextOrdinal\") VALUES ({flowId}, 1) ON CONFLICT(\"FlowId\") DO UPDATE SET \"NextOrdinal\" = flow_counters.\"NextOrdinal\" + 1 RETURNING \"NextOrdinal\" - 1 AS \"Value\"")
            .ToListAsync(cancellationToken), cancellationToken);
        var record = new RespondentRecord
        {
            PublicId = NewPublicId(),
            FlowId = flowId,
            FlowVersion = flowVersion,
            Channel = channel,
            ChatId = chatId,
            Ordinal = ordinal.Single(),
            Status = InProgress,
            Source = source,
            StartedAt = now,
            UpdatedAt = now,
            StepShownAt = now,
        };
        // Committed with the first input's answers and progress, in the caller's transaction.
        db.Respondents.Add(record);
        return new LoadedInterview(record, new InterviewState { Ordinal = record.Ordinal }, []);
    }

    /// <summary>
    /// Counts the flow's completed interviews in the respondent's quota cells for a check whose verdict commits with
    /// this unit of work: the database's writer gate is taken first and held until the caller's
    /// SaveChanges, so no other interview of this process (nor, on PostgreSQL, of any other instance: <see cref="CrossProcessHold"/>) completes between the count and that commit.
    /// </summary>
    public async Task<QuotaCounts> CountQuotasForCheckAsync(string flowId, IReadOnlyList<QuotaCell> cells, CancellationToken cancellationToken)
    {
        await SingleWriterGate.HoldUntilSavedAsync(db, cancellationToken);
        // Other instances on the same PostgreSQL database wait here too, until this unit of work commits.
        await CrossProcessHold.TakeAsync(db, "surveybot.quota:" + flowId, cancellationToken);
        return await QuotaCounter.CountCellsAsync(db, flowId, cells, cancellationToken);
    }

    /// <summary>Rebuilds the engine state of a stored interview from its row.</summary>
    public static LoadedInterview Rebuild(RespondentRecord record)
    {
        var state = new InterviewState
        {
            Status = InterviewStatusNames.FromContract(record.Status),
            CurrentStep = record.CurrentStep,
            Ordinal = record.Ordinal,
            ScreenedOutAt = record.ScreenedOutAt,
            History = JsonSerializer.Deserialize(record.HistoryJson, InterviewStateJson.Stored.ListHistoryEntry) ?? [],
        };
        var stored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (code, value) in JsonSerializer.Deserialize(record.AnswersJson, InterviewStateJson.Stored.DictionaryStringString) ?? [])
        {
            state.Answers[code] = value;
            stored.Add(code);
        }
        return new LoadedInterview(record, state, stored);
    }

    /// <summary>Stages the outcome of one input: the answer rows it set or erased and the respondent's new progress.</summary>
    public void Stage(LoadedInterview interview, InterviewOutcome outcome, DateTime now)
    {
        if (!outcome.Accepted) return;
        var record = interview.Record;
        // Paradata: the column of the step that was on screen is the answer to it, timed from when it was shown.
        var shownStep = record.CurrentStep;
        var shownAt = record.StepShownAt ?? record.StartedAt;
        foreach (var change in outcome.Changes)
        {
            var answersShown = change.Value is not null && change.Column == shownStep;
            if (interview.Staged.TryGetValue(change.Column, out var staged))
            {
                // Changed again in the same unit of work (several inputs of one chat in a batch).
                var entry = db.Entry(staged);
                if (change.Value is null)
                {
                    entry.State = entry.State == EntityState.Added ? EntityState.Detached : EntityState.Deleted;
                    interview.Staged.Remove(change.Column);
                    interview.StoredColumns.Remove(change.Column);
                    continue;
                }
                staged.Value = change.Value;
                staged.AnsweredAt = now;
                Time(staged, answersShown);
                if (entry.State == EntityState.Deleted) entry.State = EntityState.Modified;
                continue;
            }
            var row = new AnswerRecord { RespondentId = record.Id, Code = change.Column, Value = change.Value ?? "", AnsweredAt = now };
            Time(row, answersShown);
            if (record.Id == 0) row.Respondent = record;
            if (change.Value is null)
            {
                if (!interview.StoredColumns.Remove(change.Column)) continue;
                db.Answers.Remove(row);
            }
            else if (interview.StoredColumns.Add(change.Column)) db.Answers.Add(row);
            else db.Answers.Update(row);
            interview.Staged[change.Column] = row;
        }
        var state = interview.State;
        if (outcome.Events.OfType<WentBack>().FirstOrDefault() is { } back)
        {
            // The step left will be shown again once the one returned to is answered; both count a showing.
            var revisits = interview.Revisits;
            revisits[back.FromStep] = revisits.GetValueOrDefault(back.FromStep) + 1;
            revisits[back.ToStep] = revisits.GetValueOrDefault(back.ToStep) + 1;
            record.RevisitsJson = JsonSerializer.Serialize(revisits, InterviewStateJson.Stored.DictionaryStringInt32);
            record.BackCount++;
            record.StepShownAt = now;
        }
        else if (state.CurrentStep != shownStep) record.StepShownAt = now;
        record.Status = state.Status.ToContract();
        record.CurrentStep = state.CurrentStep;
        record.ScreenedOutAt = state.ScreenedOutAt;
        record.HistoryJson = JsonSerializer.Serialize(state.History, InterviewStateJson.Stored.ListHistoryEntry);
        record.AnswersJson = JsonSerializer.Serialize(state.Answers, InterviewStateJson.Stored.DictionaryStringString);
        record.UpdatedAt = now;
        if (state.Status != InterviewStatus.InProgress && record.CompletedAt is null) record.CompletedAt = now;

        void Time(AnswerRecord row, bool answersShown)
        {
            row.ShownAt = answersShown ? shownAt : null;
            row.Visits = answersShown ? 1 + interview.Revisits.GetValueOrDefault(shownStep!) : 0;
            row.RemindedBetween = answersShown && record.LastRemindedAt is { } reminded && reminded >= shownAt;
        }
    }

    private static string NewPublicId() => "R" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
}
