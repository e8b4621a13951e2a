using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SurveyBot.Flows;
using SurveyBot.Hosting;
using SurveyBot.Storage;

namespace SurveyBot.Cli;

/// <summary>The configured database and flows for the verbs that read results (export, stats, chart).</summary>
public static class CliDatabase
{
    /// <summary>Builds the host from configuration and migrates the database (a fresh one is simply empty).</summary>
    public static async Task<IHost> OpenAsync(CancellationToken cancellationToken)
    {
        var host = SurveyBotHost.CreateBuilder([]).Build();
        await using (var db = await Factory(host).CreateDbContextAsync(cancellationToken))
            await SurveyDatabase.MigrateAsync(SurveyDatabase.ProviderOf(db), db.Database.GetConnectionString()!, cancellationToken);
        return host;
    }

    public static IDbContextFactory<SurveyDbContext> Factory(IHost host) => host.Services.GetRequiredService<IDbContextFactory<SurveyDbContext>>();

    public static bool TryGetFlow(IHost host, string flowId, out LoadedFlow flow)
    {
        var flows = host.Services.GetRequiredService<FlowCatalog>();
        if (flows.TryGet(flowId, out flow)) return true;
        Console.Error.WriteLine($"no flow '{flowId}' (have: {string.Join(", ", flows.All.Select(f => f.Id))})");
        return false;
    }
}
