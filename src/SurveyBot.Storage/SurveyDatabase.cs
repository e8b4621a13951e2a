using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace SurveyBot.Storage;

/// <summary>Opens the database: options, directory creation and migrations on start.</summary>
public static class SurveyDatabase
{
    public static DbContextOptions<SurveyDbContext> Options(string connectionString) =>
        Configure(new DbContextOptionsBuilder<SurveyDbContext>(), connectionString).Options;

    public static DbContextOptionsBuilder<SurveyDbContext> Configure(DbContextOptionsBuilder<SurveyDbContext> builder, string connectionString) =>
        builder.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance, SingleWriterGate.Instance);

    /// <summary>The database file a connection string names.</summary>
    public static string DataSource(string connectionString) => new SqliteConnectionStringBuilder(connectionString).DataSource;

    /// <summary>
    /// Creates the SQLite file's folder if needed and applies pending migrations. EF Core marks a
    /// migration in progress with a row in <c>__EFMigrationsLock</c>; a process killed while holding
    /// it would leave the row behind and every later start would wait for it forever. SurveyBot
    /// migrates under an operating-system file lock instead (released when its holder dies, however it
    /// dies), so while this process holds that lock any row there is stale and is cleared.
    /// </summary>
    public static async Task MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var path = DataSource(connectionString);
        var inMemory = path.Length == 0 || path == ":memory:" || connectionString.Contains("Mode=Memory", StringComparison.OrdinalIgnoreCase);
        var folder = inMemory ? null : Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        using var migrationLock = inMemory ? null : await FileLock.AcquireAsync(Path.GetFullPath(path) + ".migrate-lock", cancellationToken);
        await using var db = new SurveyDbContext(Options(connectionString));
        var staleLock = await db.Database
            .SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'")
            .SingleAsync(cancellationToken);
        if (staleLock > 0) await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"", cancellationToken);
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any()) await db.Database.MigrateAsync(cancellationToken);
        // WAL is a property of the file: readers never block the writer, and a commit is one append.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    /// <summary>
    /// Copies every committed page into the database file and truncates the write-ahead log to nothing: the log holds
    /// earlier versions of pages (an answer before its erasure, an update before it was cleared) until it is
    /// overwritten, and only a truncation removes them. Waits (SQLite's busy handler) for readers still on older
    /// pages; returns false when one kept the log from being truncated, so the caller tries again later.
    /// </summary>
    public static Task<bool> TruncateWalAsync(SurveyDbContext db, CancellationToken cancellationToken = default) =>
        SingleWriterGate.WriteAsync(db, async () =>
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                return await reader.ReadAsync(cancellationToken) && reader.GetInt64(0) == 0;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }, cancellationToken);
}
