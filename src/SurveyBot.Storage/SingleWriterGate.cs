using System.Collections.Concurrent;
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

    private SingleWriterGate()
    {
    }

    private static SemaphoreSlim GateOf(DbContext? context) => For(SurveyDatabase.DataSource(context!.Database.GetConnectionString()!));

    /// <summary>The gate of one database file, for writes made outside SaveChanges.</summary>
    public static SemaphoreSlim For(string databaseKey) => Gates.GetOrAdd(Path.GetFullPath(databaseKey), _ => new SemaphoreSlim(1, 1));

    /// <summary>Runs a write made outside SaveChanges (raw SQL, ExecuteUpdate) under the database's gate.</summary>
    public static async Task<T> WriteAsync<T>(DbContext db, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        var gate = For(SurveyDatabase.DataSource(db.Database.GetConnectionString()!));
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
        GateOf(eventData.Context).Wait();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await GateOf(eventData.Context).WaitAsync(cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        GateOf(eventData.Context).Release();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        GateOf(eventData.Context).Release();
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => GateOf(eventData.Context).Release();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        GateOf(eventData.Context).Release();
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => GateOf(eventData.Context).Release();

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        GateOf(eventData.Context).Release();
        return Task.CompletedTask;
    }
}
