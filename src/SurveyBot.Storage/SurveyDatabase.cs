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

    /// <summary>Creates the SQLite file's folder if needed and applies pending migrations.</summary>
    public static async Task MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var path = DataSource(connectionString);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        await using var db = new SurveyDbContext(Options(connectionString));
        await db.Database.MigrateAsync(cancellationToken);
        // WAL is a property of the file: readers never block the writer, and a commit is one append.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}
