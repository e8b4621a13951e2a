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

    /// <summary>Erases the interview exported as <c>respondent_id</c> = <paramref name="publicId"/>; returns 1, or 0 when unknown.</summary>
    public Task<int> ErasePublicIdAsync(string publicId, CancellationToken cancellationToken = default) =>
        EraseAsync(db.Respondents.Where(r => r.PublicId == publicId).Select(r => r.Id), cancellationToken);

    private async Task<int> EraseAsync(IQueryable<long> respondentIds, CancellationToken cancellationToken)
    {
        var ids = await respondentIds.ToListAsync(cancellationToken);
        if (ids.Count == 0) return 0;
        var gate = SingleWriterGate.For(SurveyDatabase.DataSource(db.Database.GetConnectionString()!));
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
