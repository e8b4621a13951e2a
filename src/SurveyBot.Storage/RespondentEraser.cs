using Microsoft.EntityFrameworkCore;

namespace SurveyBot.Storage;

/// <summary>
/// Erases a person's interview data on request: every answer and every respondent row of a chat (or
/// of one pseudonymous respondent id), so no later export holds a row for them.
/// </summary>
public sealed class RespondentEraser(SurveyDbContext db)
{
    /// <summary>Erases every interview the chat has taken on the channel; returns how many were erased.</summary>
    public Task<int> EraseChatAsync(string channel, long chatId, CancellationToken cancellationToken = default) =>
        EraseAsync(db.Respondents.Where(r => r.Channel == channel && r.ChatId == chatId).Select(r => r.Id), cancellationToken);

    /// <summary>
    /// Stages the erasure of every interview the chat has taken on the channel in the caller's unit of
    /// work: nothing is written until the caller's SaveChanges, so the erasure commits (or not) together
    /// with whatever else that transaction holds. Interviews and answers already staged in this context
    /// (inputs of the same chat earlier in the batch) are dropped with them. Returns how many interviews go.
    /// </summary>
    public async Task<int> StageChatErasureAsync(string channel, long chatId, CancellationToken cancellationToken = default)
    {
        var stored = await db.Respondents.Where(r => r.Channel == channel && r.ChatId == chatId).ToListAsync(cancellationToken);
        var staged = db.ChangeTracker.Entries<Entities.RespondentRecord>()
            .Where(e => e.Entity.Channel == channel && e.Entity.ChatId == chatId).Select(e => e.Entity);
        var respondents = stored.Concat(staged).Distinct().ToList();
        if (respondents.Count == 0) return 0;
        var ids = respondents.Where(r => r.Id > 0).Select(r => r.Id).ToList();
        await db.Answers.Where(a => ids.Contains(a.RespondentId)).LoadAsync(cancellationToken);
        foreach (var answer in db.ChangeTracker.Entries<Entities.AnswerRecord>().ToList())
        {
            if (!ids.Contains(answer.Entity.RespondentId) && !respondents.Contains(answer.Entity.Respondent!)) continue;
            if (answer.State == EntityState.Added) answer.State = EntityState.Detached;
            else answer.State = EntityState.Deleted;
        }
        foreach (var respondent in respondents)
        {
            var entry = db.Entry(respondent);
            entry.State = entry.State == EntityState.Added ? EntityState.Detached : EntityState.Deleted;
        }
        return respondents.Count;
    }

    /// <summary>Erases the interview exported as <c>respondent_id</c> = <paramref name="publicId"/>; returns 1, or 0 when unknown.</summary>
    public Task<int> ErasePublicIdAsync(string publicId, CancellationToken cancellationToken = default) =>
        EraseAsync(db.Respondents.Where(r => r.PublicId == publicId).Select(r => r.Id), cancellationToken);

    private async Task<int> EraseAsync(IQueryable<long> respondentIds, CancellationToken cancellationToken)
    {
        var ids = await respondentIds.ToListAsync(cancellationToken);
        if (ids.Count == 0) return 0;
        var gate = SingleWriterGate.For(db);
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Answers.Where(a => ids.Contains(a.RespondentId)).ExecuteDeleteAsync(cancellationToken);
            var erased = await db.Respondents.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return erased;
        }
        finally
        {
            gate.Release();
        }
    }
}
