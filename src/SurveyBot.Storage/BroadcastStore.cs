using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage;

/// <summary>Broadcasts and their per-recipient deliveries.</summary>
public sealed class BroadcastStore(SurveyDbContext db)
{
    /// <summary>How many chats an audience of contacts holds right now (the preview).</summary>
    public async Task<int> CountAudienceAsync(string flowId, string audience, CancellationToken cancellationToken)
    {
        // {0} becomes a parameter of the configured provider; COUNT is bigint on PostgreSQL.
        var condition = BroadcastAudience.Condition(audience);
        var sql = "SELECT CAST(COUNT(*) AS INTEGER) AS \"Value\" FROM contacts c WHERE " + condition;
        object[] arguments = condition.Contains("{0}", StringComparison.Ordinal) ? [flowId] : [];
        return await db.Database.SqlQueryRaw<int>(sql, arguments).SingleAsync(cancellationToken);
    }

    /// <summary>Stages a draft; for a CSV audience its recipients are staged with it.</summary>
    public BroadcastRecord StageDraft(string flowId, string audience, string text, string startParameter, bool paid, long createdBy, DateTime now, IReadOnlyCollection<long>? chatIds = null)
    {
        var broadcast = new BroadcastRecord
        {
            FlowId = flowId,
            Audience = audience,
            Text = text,
            StartParameter = startParameter,
            Paid = paid,
            CreatedBy = createdBy,
            CreatedAt = now,
            Materialized = chatIds is not null,
        };
        db.Broadcasts.Add(broadcast);
        foreach (var chat in chatIds ?? [])
            db.Deliveries.Add(new DeliveryRecord { Broadcast = broadcast, ChatId = chat, Status = DeliveryRecord.Pending });
        return broadcast;
    }

    /// <summary>
    /// Stores a draft broadcast to a list of chat ids (a staff CSV) and its recipients, committed at once in one
    /// transaction of its own, and returns its id. Hundreds of thousands of recipients go in through one prepared
    /// statement rather than as tracked rows, which would hold the whole list several times over in memory until the
    /// commit. Were the unit of work that shows the preview lost, the draft stays unconfirmed: nothing is sent.
    /// </summary>
    public Task<long> CreateListedDraftAsync(string flowId, string text, string startParameter, bool paid, long createdBy, DateTime now, IReadOnlyList<long> chatIds, CancellationToken cancellationToken) =>
        SingleWriterGate.WriteAsync(db, async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            long id;
            await using (var broadcast = PreparedCommand.Create(db,
                "INSERT INTO broadcasts (\"FlowId\", \"Audience\", \"Text\", \"StartParameter\", \"Status\", \"CreatedBy\", \"Materialized\", \"Paid\", \"CreatedAt\") "
                + "VALUES (@flow, @audience, @text, @start, @status, @by, @materialized, @paid, @at) RETURNING \"Id\"",
                "@flow", "@audience", "@text", "@start", "@status", "@by", "@materialized", "@paid", "@at"))
            {
                id = (long)(await broadcast.ScalarAsync(cancellationToken, flowId, BroadcastAudience.Csv, text, startParameter, BroadcastRecord.Draft, createdBy, true, paid, now))!;
            }
            await using (var delivery = PreparedCommand.Create(db,
                "INSERT INTO deliveries (\"BroadcastId\", \"ChatId\", \"Status\") VALUES (@broadcast, @chat, @status) ON CONFLICT DO NOTHING", "@broadcast", "@chat", "@status"))
            {
                foreach (var chat in chatIds) await delivery.ExecuteAsync(cancellationToken, id, chat, DeliveryRecord.Pending);
            }
            await transaction.CommitAsync(cancellationToken);
            return id;
        }, cancellationToken);

    public Task<BroadcastRecord?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.Broadcasts.FirstOrDefaultAsync(b => b.Id == id, cancellationToken);

    /// <summary>The broadcast staff most likely mean: the running one, else the newest.</summary>
    public Task<BroadcastRecord?> CurrentAsync(CancellationToken cancellationToken) =>
        db.Broadcasts.AsNoTracking().OrderByDescending(b => b.Status == BroadcastRecord.Running).ThenByDescending(b => b.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The oldest running broadcast: broadcasts go out one after another.</summary>
    public Task<BroadcastRecord?> NextRunningAsync(CancellationToken cancellationToken) =>
        db.Broadcasts.AsNoTracking().Where(b => b.Status == BroadcastRecord.Running).OrderBy(b => b.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Stores the recipients of an audience of contacts once, as sending starts (idempotent: a crash here only repeats
    /// it). On PostgreSQL the broadcast's row is locked first, so instances starting it together store them once: the
    /// later one finds it materialized.
    /// </summary>
    public Task MaterializeAsync(BroadcastRecord broadcast, CancellationToken cancellationToken) =>
        SingleWriterGate.WriteAsync(db, async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (SqlDialect.IsPostgres(db)
                && await db.Database.SqlQueryRaw<bool>("SELECT \"Materialized\" AS \"Value\" FROM broadcasts WHERE \"Id\" = {0} FOR UPDATE", broadcast.Id).SingleAsync(cancellationToken))
            {
                await transaction.CommitAsync(cancellationToken);
                return 0;
            }
            // The audience's condition ends the SELECT with a WHERE, which SQLite needs before an upsert clause.
            var condition = BroadcastAudience.Condition(broadcast.Audience).Replace("{0}", "{1}", StringComparison.Ordinal);
            var sql = "INSERT INTO deliveries (\"BroadcastId\", \"ChatId\", \"Status\") SELECT {0}, c.\"ChatId\", 'pending' FROM contacts c WHERE "
                + condition + " ON CONFLICT DO NOTHING";
            object[] arguments = condition.Contains("{1}", StringComparison.Ordinal) ? [broadcast.Id, broadcast.FlowId] : [broadcast.Id];
            await db.Database.ExecuteSqlRawAsync(sql, arguments, cancellationToken);
            await db.Broadcasts.Where(b => b.Id == broadcast.Id).ExecuteUpdateAsync(set => set.SetProperty(b => b.Materialized, true), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }, cancellationToken);

    /// <summary>
    /// After a restart: deliveries left <c>sending</c> were in flight when the process died. Whether Telegram got them
    /// is unknown; they go back to <c>pending</c> and are sent again (the one duplicate SurveyBot accepts over a loss).
    /// </summary>
    public Task<int> RequeueInFlightAsync(long broadcastId, CancellationToken cancellationToken) =>
        SingleWriterGate.WriteAsync(db, () => db.Deliveries.Where(d => d.BroadcastId == broadcastId && d.Status == DeliveryRecord.Sending)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryRecord.Pending), cancellationToken), cancellationToken);

    /// <summary>
    /// On PostgreSQL, with instances sharing the broadcast: deliveries left <c>sending</c> by a claimer that is gone go
    /// back to <c>pending</c>, to be sent again. Gone means its lease ran out (a killed instance: it renews its leases
    /// while it lives), or it is <paramref name="owner"/> itself (this instance's earlier life or run: nothing of the
    /// run about to start is in flight yet). Rows a live instance holds are never touched. Returns how many were requeued.
    /// </summary>
    public Task<int> RequeueAbandonedAsync(long broadcastId, string owner, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(
            """
            UPDATE deliveries SET "Status" = 'pending', "ClaimedBy" = NULL, "LeaseUntil" = NULL
            WHERE "BroadcastId" = {0} AND "Status" = 'sending'
              AND ("ClaimedBy" IS NULL OR "ClaimedBy" = {1} OR "LeaseUntil" IS NULL OR "LeaseUntil" < now())
            """, [broadcastId, owner], cancellationToken);

    /// <summary>
    /// On PostgreSQL: claims up to <paramref name="limit"/> pending recipients of the broadcast for
    /// <paramref name="owner"/>, in chat id order, for <paramref name="lease"/> from now (the database's clock), with
    /// their contact state. <c>FOR UPDATE SKIP LOCKED</c>: a row another instance is claiming is passed over, never
    /// waited for, and one it has claimed fails the lease condition when re-read, so two instances never claim one
    /// recipient. A recipient claimed by an instance that died becomes claimable when its lease runs out. The pick is a
    /// materialized CTE, evaluated once: as an <c>IN</c> subquery the planner may scan it again for each row updated,
    /// and every scan skips the rows just claimed and takes the next ones, so one claim took the whole broadcast.
    /// </summary>
    public async Task<List<(long ChatId, string? State)>> ClaimPendingAsync(long broadcastId, string owner, int limit, TimeSpan lease, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQueryRaw<ClaimedRecipient>(
            """
            WITH picked AS MATERIALIZED (
                SELECT p."ChatId" FROM deliveries p
                WHERE p."BroadcastId" = {0} AND p."Status" = 'pending' AND (p."LeaseUntil" IS NULL OR p."LeaseUntil" < now())
                ORDER BY p."ChatId" LIMIT {2} FOR UPDATE SKIP LOCKED),
            claimed AS (
                UPDATE deliveries d SET "ClaimedBy" = {1}, "LeaseUntil" = now() + make_interval(secs => {3})
                FROM picked WHERE d."BroadcastId" = {0} AND d."ChatId" = picked."ChatId"
                RETURNING d."ChatId")
            SELECT c."ChatId", t."State" FROM claimed c LEFT JOIN contacts t ON t."ChatId" = c."ChatId" ORDER BY c."ChatId"
            """, broadcastId, owner, limit, lease.TotalSeconds).ToListAsync(cancellationToken);
        return rows.Select(r => (r.ChatId, r.State)).ToList();
    }

    /// <summary>Extends <paramref name="owner"/>'s claims on the broadcast's unfinished recipients (queued or in flight) to <paramref name="lease"/> from now, so they stay its own while it lives.</summary>
    public Task<int> RenewClaimsAsync(long broadcastId, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(
            """
            UPDATE deliveries SET "LeaseUntil" = now() + make_interval(secs => {2})
            WHERE "BroadcastId" = {0} AND "ClaimedBy" = {1} AND "Status" IN ('pending', 'sending')
            """, [broadcastId, owner, lease.TotalSeconds], cancellationToken);

    /// <summary>Gives back <paramref name="owner"/>'s claims on recipients it did not call (a run that ended or was cancelled), so another instance may send them at once.</summary>
    public Task<int> ReleaseClaimsAsync(long broadcastId, string owner, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(
            """
            UPDATE deliveries SET "ClaimedBy" = NULL, "LeaseUntil" = NULL
            WHERE "BroadcastId" = {0} AND "ClaimedBy" = {1} AND "Status" = 'pending'
            """, [broadcastId, owner], cancellationToken);

    /// <summary>The next pending recipients in chat id order, with their contact state (null for a chat that never wrote to the bot).</summary>
    public async Task<List<(long ChatId, string? State)>> NextPendingAsync(long broadcastId, long afterChatId, int limit, CancellationToken cancellationToken)
    {
        var rows = await (from d in db.Deliveries.AsNoTracking()
                          where d.BroadcastId == broadcastId && d.Status == DeliveryRecord.Pending && d.ChatId > afterChatId
                          orderby d.ChatId
                          join c in db.Contacts.AsNoTracking() on d.ChatId equals c.ChatId into contacts
                          from c in contacts.DefaultIfEmpty()
                          select new { d.ChatId, State = c == null ? null : c.State }).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(r => (r.ChatId, (string?)r.State)).ToList();
    }

    /// <summary>How many deliveries are in each state.</summary>
    public Task<Dictionary<string, int>> CountsAsync(long broadcastId, CancellationToken cancellationToken) =>
        db.Deliveries.Where(d => d.BroadcastId == broadcastId).GroupBy(d => d.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>Deliveries that ended (sent, failed, blocked) since <paramref name="since"/>: the recent rate.</summary>
    public Task<int> DoneSinceAsync(long broadcastId, DateTime since, CancellationToken cancellationToken) =>
        db.Deliveries.CountAsync(d => d.BroadcastId == broadcastId && d.UpdatedAt >= since
            && (d.Status == DeliveryRecord.Sent || d.Status == DeliveryRecord.Failed || d.Status == DeliveryRecord.Blocked), cancellationToken);

    /// <summary>Moves a broadcast from one status to another; false when it was not in <paramref name="from"/> any more.</summary>
    public async Task<bool> MoveAsync(long broadcastId, string from, string to, DateTime now, CancellationToken cancellationToken)
    {
        var changed = await SingleWriterGate.WriteAsync(db, () => db.Broadcasts.Where(b => b.Id == broadcastId && b.Status == from)
            .ExecuteUpdateAsync(set => set
                .SetProperty(b => b.Status, to)
                .SetProperty(b => b.StartedAt, b => to == BroadcastRecord.Running ? now : b.StartedAt)
                .SetProperty(b => b.FinishedAt, b => to == BroadcastRecord.Running ? null : now), cancellationToken), cancellationToken);
        return changed == 1;
    }
}
