using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SurveyBot.Configuration;
using SurveyBot.Storage;

namespace SurveyBot.Hosting;

public static class StorageServiceCollectionExtensions
{
    public const string DefaultConnectionString = StorageOptions.DefaultSqliteConnectionString;

    /// <summary>
    /// EF Core on SQLite or PostgreSQL (<c>Storage__Provider</c>, <c>ConnectionStrings__SurveyBot</c>), migrated when the
    /// host starts. Settings that cannot work stop the start (validated before any hosted service runs) and fail the
    /// first use of the database anywhere else, each time naming the setting.
    /// </summary>
    public static IServiceCollection AddSurveyStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = StorageOptions.From(configuration);
        services.AddOptions<StorageOptions>().Configure(o =>
        {
            o.Provider = storage.Provider;
            o.ConnectionString = storage.ConnectionString;
        }).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        // Pooled: a context's internal services are set up once and reused, not rebuilt for every unit of work.
        services.AddPooledDbContextFactory<SurveyDbContext>(builder =>
        {
            var (provider, connectionString) = storage.ResolveOrThrow();
            SurveyDatabase.Configure((DbContextOptionsBuilder<SurveyDbContext>)builder, provider, connectionString);
        });
        // Resolved when it starts, after the settings were validated: building it must not fail first.
        services.AddHostedService(_ => new DatabaseMigrator(storage));
        return services;
    }
}
