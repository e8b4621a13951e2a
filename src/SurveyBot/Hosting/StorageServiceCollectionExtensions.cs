using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SurveyBot.Storage;

namespace SurveyBot.Hosting;

public static class StorageServiceCollectionExtensions
{
    public const string DefaultConnectionString = "Data Source=data/surveybot.db";

    /// <summary>SQLite through EF Core (<c>ConnectionStrings__SurveyBot</c>), migrated when the host starts.</summary>
    public static IServiceCollection AddSurveyStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("SurveyBot") ?? DefaultConnectionString;
        // Pooled: a context's internal services are set up once and reused, not rebuilt for every unit of work.
        services.AddPooledDbContextFactory<SurveyDbContext>(builder => SurveyDatabase.Configure((DbContextOptionsBuilder<SurveyDbContext>)builder, connectionString));
        services.AddHostedService(_ => new DatabaseMigrator(connectionString));
        return services;
    }
}
