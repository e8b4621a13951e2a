using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SurveyBot.Export;
using SurveyBot.Retention;

namespace SurveyBot.Cli;

/// <summary><c>export --flow F --format csv|xlsx|sav|sps|codebook|cases|paradata --out PATH</c>: write the results of a flow.</summary>
public static class ExportVerb
{
    public static Command Create()
    {
        var flow = new Option<string>("--flow") { Description = "flow id", DefaultValueFactory = _ => "citizen" };
        var format = new Option<string>("--format") { Description = "csv, xlsx, sav (SPSS data), sps (SPSS syntax + the CSV it reads), codebook (Markdown), cases (AAPOR dispositions, CSV) or paradata (answer timings, CSV)", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong([.. Enum.GetNames<ExportFormat>().Select(n => n.ToLowerInvariant())]);
        var output = new Option<FileInfo?>("--out") { Description = "output file (default: data/<flow>.<extension>)" };
        var command = new Command("export", "Export results in the data contract's layout") { flow, format, output };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await CliDatabase.OpenAsync(cancellationToken);
            var flowId = result.GetValue(flow)!;
            if (!CliDatabase.TryGetFlow(host, flowId, out var loaded)) return 2;
            var chosen = Enum.Parse<ExportFormat>(result.GetValue(format)!, ignoreCase: true);
            var path = result.GetValue(output)?.FullName ?? ResultExporter.DefaultPath(flowId, chosen);
            var exporter = new ResultExporter(CliDatabase.Factory(host), loaded.Definition)
            {
                Retention = host.Services.GetRequiredService<IOptions<RetentionOptions>>().Value,
            };
            foreach (var written in await exporter.WriteFileAsync(chosen, path, cancellationToken)) Console.WriteLine($"wrote {written}");
            return 0;
        });
        return command;
    }
}
