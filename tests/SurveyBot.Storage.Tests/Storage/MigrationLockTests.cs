using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage;

namespace SurveyBot.Storage.Tests.Storage;

/// <summary>
/// A process killed during its first migration leaves EF Core's lock row behind. The next start must
/// still migrate and run instead of waiting for that row forever.
/// </summary>
public sealed class MigrationLockTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("surveybot-lock-").FullName;

    [Fact]
    public async Task A_lock_left_by_a_killed_migration_does_not_stop_the_next_start()
    {
        var connectionString = $"Data Source={Path.Combine(_folder, "surveybot.db")}";
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
                INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-12-01 03:00:00+00:00');
                """;
            await command.ExecuteNonQueryAsync();
        }

        await SurveyDatabase.MigrateAsync(connectionString).WaitAsync(TimeSpan.FromSeconds(30));

        await using var db = new SurveyDbContext(SurveyDatabase.Options(connectionString));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Respondents.CountAsync());
        Assert.Equal(0, await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM \"__EFMigrationsLock\"").SingleAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
