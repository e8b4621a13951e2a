using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage;

/// <summary>The outbox: platform calls decided in a transaction, made afterwards by the sender.</summary>
public sealed class OutboxStore(SurveyDbContext db)
{
    /// <summary>Stages a call; its id is known once the caller's SaveChanges has committed.</summary>
    public OutboxRecord Stage(long chatId, string payloadJson, DateTime now)
    {
        var row = new OutboxRecord { ChatId = chatId, PayloadJson = payloadJson, CreatedAt = now };
        db.Outbox.Add(row);
        return row;
    }

    /// <summary>Calls still to make (after a restart), oldest first.</summary>
    public Task<List<OutboxRecord>> PendingAsync(CancellationToken cancellationToken) =>
        db.Outbox.AsNoTracking().Where(o => o.Status == OutboxRecord.Pending).OrderBy(o => o.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> pending calls for <paramref name="owner"/> until <paramref name="now"/> +
    /// <paramref name="lease"/>, oldest first, for instances sharing one database: each call is claimed by one instance
    /// (PostgreSQL's <c>FOR UPDATE SKIP LOCKED</c>: a row another instance is claiming is passed over, never waited for,
    /// and one it claimed a moment ago fails the condition when re-read). A chat's calls go out in order: a call is
    /// claimable only once every earlier pending call of its chat is this owner's, so two instances never race one
    /// chat. A claim outlives its owner only until the lease runs out; then another instance takes the call over, so
    /// after a kill only the calls in flight are made again. SQLite (one process) runs the same statement without the
    /// locking clause.
    /// </summary>
    public async Task<List<OutboxRecord>> ClaimAsync(string owner, int limit, TimeSpan lease, DateTime now, CancellationToken cancellationToken)
    {
        var postgres = SqlDialect.IsPostgres(db);
        // On PostgreSQL the pick is a materialized CTE, evaluated once: as an IN subquery with SKIP LOCKED the planner may
        // scan it again for each row updated, each scan taking the next rows, and one claim could take far past its
        // limit (see BroadcastStore.ClaimPendingAsync, where it did).
        var sql = $"""
            {(postgres ? "WITH picked AS MATERIALIZED (" : "")}
                SELECT o."Id" FROM outbox o
                WHERE o."Status" = 'pending' AND (o."LeaseUntil" IS NULL OR o."LeaseUntil" < @now)
                  AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e."ChatId" = o."ChatId" AND e."Status" = 'pending' AND e."Id" < o."Id"
                                  AND (e."ClaimedBy" IS NULL OR e."ClaimedBy" <> @owner OR e."LeaseUntil" IS NULL OR e."LeaseUntil" < @now))
                ORDER BY o."Id" LIMIT @limit{(postgres ? " FOR UPDATE SKIP LOCKED)" : "")}
            """;
        sql = postgres
            ? sql + """
                UPDATE outbox SET "ClaimedBy" = @owner, "LeaseUntil" = @until WHERE "Id" IN (SELECT "Id" FROM picked)
                RETURNING "Id", "ChatId", "PayloadJson", "Status", "CreatedAt", "ClaimedBy", "LeaseUntil"
                """
            : $"""
                UPDATE outbox SET "ClaimedBy" = @owner, "LeaseUntil" = @until WHERE "Id" IN ({sql})
                RETURNING "Id", "ChatId", "PayloadJson", "Status", "CreatedAt", "ClaimedBy", "LeaseUntil"
                """;
        return await SingleWriterGate.WriteAsync(db, async () =>
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var claim = PreparedCommand.Create(db, sql, "@owner", "@until", "@now", "@limit");
                var claimed = await claim.ReadAsync(cancellationToken, reader => new OutboxRecord
                {
                    Id = reader.GetInt64(0),
                    ChatId = reader.GetInt64(1),
                    PayloadJson = reader.GetString(2),
                    Status = reader.GetString(3),
                    CreatedAt = reader.GetDateTime(4),
                    ClaimedBy = reader.GetString(5),
                    LeaseUntil = reader.GetDateTime(6),
                }, owner, now + lease, now, limit);
                claimed.Sort((a, b) => a.Id.CompareTo(b.Id));
                return claimed;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }, cancellationToken);
    }

    /// <summary>Gives back the claims of <paramref name="owner"/> on calls still pending (at its start: what it claimed before it stopped is its own to send again).</summary>
    public Task<int> ReleaseClaimsAsync(string owner, CancellationToken cancellationToken) =>
        SingleWriterGate.WriteAsync(db, () => db.Outbox.Where(o => o.ClaimedBy == owner && o.Status == OutboxRecord.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.ClaimedBy, (string?)null).SetProperty(o => o.LeaseUntil, (DateTime?)null), cancellationToken), cancellationToken);

    /// <summary>Extends the lease of every call <paramref name="owner"/> holds and has not sent yet, so a long send stays its own.</summary>
    public Task<int> RenewClaimsAsync(string owner, DateTime until, CancellationToken cancellationToken) =>
        SingleWriterGate.WriteAsync(db, () => db.Outbox.Where(o => o.ClaimedBy == owner && o.Status == OutboxRecord.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.LeaseUntil, (DateTime?)until), cancellationToken), cancellationToken);

    /// <summary>Records how a batch of calls ended, in one transaction with one prepared statement.</summary>
    public Task MarkAsync(IReadOnlyList<OutboxResult> results, DateTime now, CancellationToken cancellationToken) =>
        SingleWriterGate.WriteAsync(db, async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await using var mark = PreparedCommand.Create(db, "UPDATE outbox SET \"Status\" = @status, \"Error\" = @error, \"SentAt\" = @at WHERE \"Id\" = @id", "@status", "@error", "@at", "@id");
            foreach (var result in results) await mark.ExecuteAsync(cancellationToken, result.Status, result.Error, now, result.Id);
            await transaction.CommitAsync(cancellationToken);
            return results.Count;
        }, cancellationToken);
}
