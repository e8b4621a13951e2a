using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SurveyBot.Storage;

/// <summary>
/// Lets one SaveChanges at a time write to a SQLite file from this process. SQLite allows a single
/// writer anyway; when two collide, the loser sleeps in SQLite's busy handler for whole
/// milliseconds. Queuing writers here instead hands the lock over at once, so reads and engine
/// work run on every core while commits follow one another back to back.
/// </summary>
public sealed class SingleWriterGate : SaveChangesInterceptor
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    /// <summary>
    /// One instance serves every database: EF Core builds its internal services (and the model that
    /// compiled queries are bound to) once per distinct set of interceptors, so they must not differ
    /// between databases.
    /// </summary>
    public static SingleWriterGate Instance { get; } = new();

    /// <summary>Contexts that took their database's gate ahead of their SaveChanges (see <see cref="HoldUntilSavedAsync"/>).</summary>
    private static readonly ConditionalWeakTable<DbContext, SemaphoreSlim> Held = new();

    private SingleWriterGate()
    {
    }

    /// <summary>
    /// Takes the database's gate now and keeps it for <paramref name="db"/> until its next
    /// SaveChanges ends (or the context is disposed): what this context reads in between cannot be
    /// changed by another writer of this process before its own commit. Used by checks that must see
    /// the latest counts, such as quotas. Harmless when the context already holds the gate.
    /// </summary>
    public static async Task HoldUntilSavedAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (Held.TryGetValue(db, out _)) return;
        var gate = GateOf(db);
        await gate.WaitAsync(cancellationToken);
        Held.AddOrUpdate(db, gate);
    }

    /// <summary>Gives back a gate held by <paramref name="db"/> that no SaveChanges released (the context is going away).</summary>
    public static void ReleaseHeld(DbContext db)
    {
        if (Held.TryGetValue(db, out var gate) && Held.Remove(db)) gate.Release();
    }

    private static bool Holds(DbContext? context) => context is not null && Held.TryGetValue(context, out _);

    /// <summary>Ends a SaveChanges: the gate it took (or the one held ahead of it) is released.</summary>
    private static void Release(DbContext? context)
    {
        if (context is not null && Held.TryGetValue(context, out var held) && Held.Remove(context)) held.Release();
        else GateOf(context).Release();
    }

    private static SemaphoreSlim GateOf(DbContext? context) => ForKey(SurveyDatabase.DatabaseKey(context!));

    /// <summary>The gate of one database file, for writes made outside SaveChanges.</summary>
    public static SemaphoreSlim For(string databaseKey) => ForKey(Path.GetFullPath(databaseKey));

    /// <summary>The gate of the context's database (see <see cref="SurveyDatabase.DatabaseKey"/>).</summary>
    public static SemaphoreSlim For(DbContext db) => ForKey(SurveyDatabase.DatabaseKey(db));

    private static SemaphoreSlim ForKey(string key) => Gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));

    /// <summary>Runs a write made outside SaveChanges (raw SQL, ExecuteUpdate) under the database's gate.</summary>
    public static async Task<T> WriteAsync<T>(DbContext db, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        if (Holds(db)) return await write();
        var gate = For(db);
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await write();
        }
        finally
        {
            gate.Release();
        }
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (!Holds(eventData.Context)) GateOf(eventData.Context).Wait();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (!Holds(eventData.Context)) await GateOf(eventData.Context).WaitAsync(cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        try
        {
            if (eventData.Context is { } held) CrossProcessHold.Commit(held);
        }
        finally
        {
            Release(eventData.Context);
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        try
        {
            if (eventData.Context is { } held) await CrossProcessHold.CommitAsync(held, cancellationToken);
        }
        finally
        {
            Release(eventData.Context);
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } held) CrossProcessHold.Abandon(held);
        Release(eventData.Context);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } held) CrossProcessHold.Abandon(held);
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }
}
