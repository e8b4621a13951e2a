using SurveyBot.Testing.Postgres;

namespace SurveyBot.Telegram.Tests.Postgres;

/// <summary>
/// The tests that share one PostgreSQL server (each with a database of its own). xUnit reads a collection's
/// definition only from the test assembly itself, so each test project that uses the server declares it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "Postgres";
}
