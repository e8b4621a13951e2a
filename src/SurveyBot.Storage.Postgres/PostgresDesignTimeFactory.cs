using Microsoft.EntityFrameworkCore.Design;

namespace SurveyBot.Storage.Postgres;

/// <summary>
/// Lets <c>dotnet ef</c> build the context on PostgreSQL at design time, so migrations added with
/// <c>--project src/SurveyBot.Storage.Postgres</c> are PostgreSQL's. Adding one needs no server.
/// </summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<SurveyDbContext>
{
    public SurveyDbContext CreateDbContext(string[] args) =>
        new(SurveyDatabase.Options(StorageProvider.Postgres, "Host=localhost;Database=surveybot_design"));
}
