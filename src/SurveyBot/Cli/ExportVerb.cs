using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SurveyBot.Export;
using SurveyBot.Flows;
using SurveyBot.Hosting;
using SurveyBot.Storage;

namespace SurveyBot.Cli;

/// <summary><c>export --flow F --format csv --out PATH</c>: write the results of a flow.</summary>
public static class ExportVerb
{
    public static Command Create()
    {
        var flow = new Option<string>("--flow") { Description = "flow id", DefaultValueFactory = _ => "citizen" };
        var format = new Option<string>("--format") { Description = "csv", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv");
        var output = new Option<FileInfo?>("--out") { Description = "output file (default: data/<flow>.<format>)" };
        var command = new Command("export", "Export results in the data contract's layout") { flow, format, output };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = SurveyBotHost.CreateBuilder([]).Build();
            var connection = host.Services.GetRequiredService<IDbContextFactory<SurveyDbContext>>();
            await using (var db = await connection.CreateDbContextAsync(cancellationToken)) await db.Database.MigrateAsync(cancellationToken);
            var flows = host.Services.GetRequiredService<FlowCatalog>();
            var flowId = result.GetValue(flow)!;
            if (!flows.TryGet(flowId, out var loaded))
            {
                Console.Error.WriteLine($"no flow '{flowId}' (have: {string.Join(", ", flows.All.Select(f => f.Id))})");
                return 2;
            }
            var path = result.GetValue(output)?.FullName ?? Path.Combine("data", $"{flowId}.{result.GetValue(format)}");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await using (var file = File.Create(path))
                await CsvExporter.WriteAsync(new ResultTable(connection, loaded.Definition), file, cancellationToken);
            Console.WriteLine($"wrote {path}");
            return 0;
        });
        return command;
    }
}
