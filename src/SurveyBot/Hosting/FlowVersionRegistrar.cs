using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SurveyBot.Engine.Definition;
using SurveyBot.Flows;
using SurveyBot.Storage;

namespace SurveyBot.Hosting;

/// <summary>
/// At start, after the migrations: stores each flow file's text as a version (an edited file becomes
/// a new version), numbers the served flows accordingly, and loads the earlier versions so that
/// interviews begun on them finish on them.
/// </summary>
public sealed class FlowVersionRegistrar(FlowCatalog flows, IDbContextFactory<SurveyDbContext> databases, TimeProvider clock, ILogger<FlowVersionRegistrar> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var store = new FlowVersionStore(db);
        foreach (var flow in flows.All.ToList())
        {
            var version = await store.RegisterAsync(flow.Id, flow.Definition.Version, flow.Content, clock.GetUtcNow().UtcDateTime, cancellationToken);
            if (version != flow.Definition.Version) logger.LogInformation("Flow {Flow} changed since it was last served: now version {Version}", flow.Id, version);
            flows.UseVersion(flow.Id, version);
            foreach (var earlier in (await store.AllAsync(flow.Id, cancellationToken)).Where(v => v.Version != version))
            {
                try
                {
                    flows.AddEarlier(FlowLoader.Load(earlier.Content, $"{flow.Id} v{earlier.Version} (stored)") with { Version = earlier.Version });
                }
                catch (FlowDefinitionException error)
                {
                    logger.LogWarning("Stored version {Version} of flow {Flow} no longer loads; its interviews continue on the current version: {Error}", earlier.Version, flow.Id, error.Message);
                }
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
