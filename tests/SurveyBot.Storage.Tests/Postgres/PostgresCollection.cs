using SurveyBot.Testing.Postgres;
namespace SurveyBot.Storage.Tests.Postgres;

/// <summary>The tests that share one PostgreSQL server (each with a database of its own).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "Postgres";
}
