using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SurveyBot.Configuration;
using SurveyBot.Results;

namespace SurveyBot.Cli;

/// <summary><c>stats [--flow F]</c>: print fieldwork counts (the text staff get in Telegram).</summary>
public static class StatsVerb
{
    public static Command Create()
    {
        var flow = new Option<string?>("--flow") { Description = "flow id (default Survey__DefaultFlow)" };
        var command = new Command("stats", "Fieldwork counts: statuses, screen-outs, completion rate, median duration, breakdowns, AAPOR dispositions and rates, quality flags, break-offs") { flow };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await CliDatabase.OpenAsync(cancellationToken);
            var flowId = result.GetValue(flow) ?? host.Services.GetRequiredService<IOptions<SurveyOptions>>().Value.DefaultFlow;
            if (!CliDatabase.TryGetFlow(host, flowId, out var loaded)) return 2;
            var summary = await new FieldworkStats(CliDatabase.Factory(host), loaded.Definition).ComputeAsync(cancellationToken);
            Console.WriteLine(summary.ToFullText());
            return 0;
        });
        return command;
    }
}
