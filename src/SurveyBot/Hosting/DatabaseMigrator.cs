using Microsoft.Extensions.Hosting;
using SurveyBot.Storage;

namespace SurveyBot.Hosting;

/// <summary>Applies pending migrations (the provider's own set) before any channel starts (registered first, so it runs first).</summary>
public sealed class DatabaseMigrator(StorageProvider provider, string connectionString) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => SurveyDatabase.MigrateAsync(provider, connectionString, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
