using Microsoft.Extensions.Hosting;
using SurveyBot.Storage;

namespace SurveyBot.Hosting;

/// <summary>Applies pending migrations before any channel starts (registered first, so it runs first).</summary>
public sealed class DatabaseMigrator(string connectionString) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => SurveyDatabase.MigrateAsync(connectionString, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
