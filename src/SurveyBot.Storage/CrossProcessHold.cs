using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace SurveyBot.Storage;

/// <summary>
/// On PostgreSQL, the part of <see cref="SingleWriterGate.HoldUntilSavedAsync"/> that must hold across processes: a
/// transaction opened on the context and a transaction-scoped advisory lock taken in it, kept until the context's next
/// commit (DirectSave, or SaveChanges through the gate's interceptor) ends the transaction, and given up if the context
/// goes away first. Two instances checking one flow's quota therefore count and commit one after the other: the second
/// counts what the first stored. A process that dies holding it loses its session, and the lock with it. SQLite needs
/// none of this (one process writes the file, and the gate orders it).
/// </summary>
public static class CrossProcessHold
{
    private static readonly ConditionalWeakTable<DbContext, IDbContextTransaction> Open = new();

    /// <summary>Takes the lock named <paramref name="name"/> for <paramref name="db"/> until its next commit; nothing on SQLite.</summary>
    public static async Task TakeAsync(DbContext db, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!SqlDialect.IsPostgres(db)) return;
        if (!Open.TryGetValue(db, out _) && db.Database.CurrentTransaction is null)
            Open.AddOrUpdate(db, await db.Database.BeginTransactionAsync(cancellationToken));
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({name}, 0))", cancellationToken);
    }

    /// <summary>Whether <paramref name="db"/> has a transaction opened here that its next commit must end.</summary>
    public static bool Holds(DbContext db) => Open.TryGetValue(db, out _);

    /// <summary>Commits the transaction opened by <see cref="TakeAsync"/>, which releases the lock.</summary>
    public static async Task CommitAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (!Open.TryGetValue(db, out var transaction) || !Open.Remove(db)) return;
        await using (transaction) await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc cref="CommitAsync"/>
    public static void Commit(DbContext db)
    {
        if (!Open.TryGetValue(db, out var transaction) || !Open.Remove(db)) return;
        using (transaction) transaction.Commit();
    }

    /// <summary>Rolls the transaction back (a failed commit, or a context disposed before committing).</summary>
    public static void Abandon(DbContext db)
    {
        if (Open.TryGetValue(db, out var transaction) && Open.Remove(db)) transaction.Dispose();
    }
}
