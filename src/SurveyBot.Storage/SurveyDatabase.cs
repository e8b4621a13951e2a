using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace SurveyBot.Storage;

/// <summary>Opens the database: options, directory creation and migrations on start.</summary>
public static class SurveyDatabase
{
    /// <summary>The assembly that holds PostgreSQL's migrations (SQLite's are in this one, where they always were).</summary>
    public const string PostgresMigrationsAssembly = "SurveyBot.Storage.Postgres";

    public static DbContextOptions<SurveyDbContext> Options(string connectionString) => Options(StorageProvider.Sqlite, connectionString);

    public static DbContextOptions<SurveyDbContext> Options(StorageProvider provider, string connectionString) =>
        Configure(new DbContextOptionsBuilder<SurveyDbContext>(), provider, connectionString).Options;

    public static DbContextOptionsBuilder<SurveyDbContext> Configure(DbContextOptionsBuilder<SurveyDbContext> builder, string connectionString) =>
        Configure(builder, StorageProvider.Sqlite, connectionString);

    public static DbContextOptionsBuilder<SurveyDbContext> Configure(DbContextOptionsBuilder<SurveyDbContext> builder, StorageProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The writer gate stays on PostgreSQL: it keeps this process's commits in the order the quota check and the
        // handling of one chat rely on; what must hold across processes is taken in the database (see ChatLocks).
        return provider == StorageProvider.Postgres
            ? builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly)).AddInterceptors(SingleWriterGate.Instance)
            : builder.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance, SingleWriterGate.Instance);
    }

    /// <summary>The provider a context was configured with.</summary>
    public static StorageProvider ProviderOf(DbContext db) => SqlDialect.IsPostgres(db) ? StorageProvider.Postgres : StorageProvider.Sqlite;

    /// <summary>The database file a connection string names.</summary>
    public static string DataSource(string connectionString) => new SqliteConnectionStringBuilder(connectionString).DataSource;

    /// <summary>
    /// What identifies the context's database within this process (the writer gate's and the quota indexes' key): the
    /// full path of a SQLite file, or a PostgreSQL server and database (never the password).
    /// </summary>
    public static string DatabaseKey(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connectionString = db.Database.GetConnectionString()!;
        var postgres = SqlDialect.IsPostgres(db);
        // Asked on every commit: the connection string is parsed once.
        return Keys.GetOrAdd((postgres, connectionString), static k => k.Postgres ? PostgresKey(k.ConnectionString) : Path.GetFullPath(DataSource(k.ConnectionString)));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(bool Postgres, string ConnectionString), string> Keys = new();

    /// <summary>
    /// A PostgreSQL database's key is its whole connection string (without the password): one instance uses one, and
    /// two strings that differ only in, say, <c>Application Name</c> act as two instances would, each with its own gate.
    /// </summary>
    private static string PostgresKey(string connectionString) =>
        "postgres:" + new NpgsqlConnectionStringBuilder(connectionString) { Password = null }.ConnectionString;

    /// <summary>
    /// Where a connection string points, fit for a log line or a message: a SQLite file, or a PostgreSQL user, server and
    /// database. The password (and anything else in the string) is left out, as the bot token is.
    /// </summary>
    public static string Describe(StorageProvider provider, string connectionString)
    {
        if (provider == StorageProvider.Sqlite) return Path.GetFullPath(DataSource(connectionString));
        var parsed = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgres://{parsed.Username}@{parsed.Host}:{parsed.Port}/{parsed.Database}";
    }

    /// <summary>Applies pending migrations to the database of <paramref name="provider"/>.</summary>
    public static Task MigrateAsync(StorageProvider provider, string connectionString, CancellationToken cancellationToken = default) =>
        provider == StorageProvider.Postgres ? MigratePostgresAsync(connectionString, cancellationToken) : MigrateAsync(connectionString, cancellationToken);

    /// <summary>
    /// Instances starting together migrate one after the other under a session-level advisory lock held on a connection
    /// of its own for the whole run, which the server drops with a killed migrator's session, so nothing is left behind.
    /// EF Core's Npgsql provider locks the history table only inside each migration's transaction: with several
    /// migrations pending, the second instance got the lock at the first one's commit, read the history then and applied
    /// the next migration alongside the first instance ("column already exists").
    /// </summary>
    private static async Task MigratePostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "surveybot migrations" };
        await using var hold = new NpgsqlConnection(builder.ToString());
        await hold.OpenAsync(cancellationToken);
        await using (var command = hold.CreateCommand())
        {
            command.CommandText = "SELECT pg_advisory_lock(@space, 0)";
            command.Parameters.AddWithValue("space", MigrationLockSpace);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var db = new SurveyDbContext(Options(StorageProvider.Postgres, connectionString));
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any()) await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>The first key of the migration lock ("SBMG"), a key space apart from SurveyBot's other advisory locks.</summary>
    private const int MigrationLockSpace = 0x53424D47;

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
    /// <remarks>
    /// PostgreSQL has no such log to truncate: a deleted row's bytes stay in its page until VACUUM reuses the space, and
    /// autovacuum does that on its own; here it is nothing to do (see docs/operations.md, "PostgreSQL").
    /// </remarks>
    public static Task<bool> TruncateWalAsync(SurveyDbContext db, CancellationToken cancellationToken = default) =>
        SqlDialect.IsPostgres(db) ? Task.FromResult(true) : SingleWriterGate.WriteAsync(db, async () =>
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
