using Microsoft.EntityFrameworkCore;
using Npgsql;
using SurveyBot.Storage;

using SurveyBot.Testing.Postgres;

namespace SurveyBot.Storage.Tests.Postgres;

/// <summary>Each provider's migrations describe the model exactly, and PostgreSQL's apply to a real server.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class ProviderMigrationTests(PostgresFixture fixture)
{
    [Fact]
    public void SqliteSnapshotMatchesTheModel()
    {
        using var db = new SurveyDbContext(SurveyDatabase.Options(StorageProvider.Sqlite, "Data Source=:memory:"));
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a SQLite migration: dotnet ef migrations add NAME --project src/SurveyBot.Storage");
    }

    [Fact]
    public void PostgresSnapshotMatchesTheModel()
    {
        using var db = new SurveyDbContext(SurveyDatabase.Options(StorageProvider.Postgres, "Host=127.0.0.1;Database=unused"));
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a PostgreSQL migration: dotnet ef migrations add NAME --project src/SurveyBot.Storage.Postgres");
    }

    [Fact]
    public async Task PostgresMigrationsApplyOnceWhenTwoInstancesStartTogether()
    {
        var database = new PostgresTestDatabase(fixture, migrate: false);
        await Task.WhenAll(
            SurveyDatabase.MigrateAsync(StorageProvider.Postgres, database.ConnectionString),
            SurveyDatabase.MigrateAsync(StorageProvider.Postgres, database.ConnectionString));

        await using var db = database.Open();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Contains(applied, m => m.EndsWith("_InitialPostgres", StringComparison.Ordinal));
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT indexdef FROM pg_indexes WHERE indexname = 'IX_inbox_pending'";
        Assert.Equal("CREATE INDEX \"IX_inbox_pending\" ON public.inbox USING btree (\"Id\") WHERE (\"ProcessedAt\" IS NULL)", (string?)await command.ExecuteScalarAsync());
    }
}
