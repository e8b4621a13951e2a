using Microsoft.Extensions.Hosting;
using SurveyBot.Configuration;
using SurveyBot.Storage;

namespace SurveyBot.Hosting;

/// <summary>Applies pending migrations (the provider's own set) before any channel starts (registered first, so it runs first).</summary>
public sealed class DatabaseMigrator(StorageOptions storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var (provider, connectionString) = storage.ResolveOrThrow();
        return SurveyDatabase.MigrateAsync(provider, connectionString, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
