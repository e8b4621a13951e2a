using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using SurveyBot.Storage;

namespace SurveyBot.Testing.Postgres;

/// <summary>A fresh database on the collection's server, migrated as production migrates it.</summary>
public sealed class PostgresTestDatabase
{
    public PostgresTestDatabase(PostgresFixture fixture, bool migrate = true)
        : this(fixture.Server.CreateDatabase(), migrate)
    {
    }

    /// <summary>An existing database of the server (one a bot process migrated, say).</summary>
    public PostgresTestDatabase(PostgresFixture fixture, string connectionString)
        : this(connectionString, migrate: false)
    {
        ArgumentNullException.ThrowIfNull(fixture);
    }

    private PostgresTestDatabase(string connectionString, bool migrate)
    {
        ConnectionString = connectionString;
        if (migrate) SurveyDatabase.MigrateAsync(StorageProvider.Postgres, ConnectionString).GetAwaiter().GetResult();
        Factory = new PooledDbContextFactory<SurveyDbContext>(SurveyDatabase.Options(StorageProvider.Postgres, ConnectionString));
    }

    public string ConnectionString { get; }
    public IDbContextFactory<SurveyDbContext> Factory { get; }

    public SurveyDbContext Open() => Factory.CreateDbContext();

    /// <summary>
    /// Contexts as another instance of the bot would open them: the same database under its own
    /// <c>Application Name</c>, so nothing this process shares between its own contexts (the writer gate) joins them.
    /// </summary>
    public IDbContextFactory<SurveyDbContext> Instance(string name) =>
        new PooledDbContextFactory<SurveyDbContext>(SurveyDatabase.Options(StorageProvider.Postgres, new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = name }.ConnectionString));
}
