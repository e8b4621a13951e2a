using System.CommandLine;
using Microsoft.Extensions.Hosting;
using SurveyBot.Hosting;

namespace SurveyBot.Cli;

/// <summary>The root action: run the bot.</summary>
public static class RunVerb
{
    public static void Attach(RootCommand root)
    {
        var flow = new Option<string?>("--flow") { Description = "Console only: the flow to take (default Survey__DefaultFlow)" };
        var respondent = new Option<long>("--respondent") { Description = "Console only: local respondent number; the same number resumes the same interview", DefaultValueFactory = _ => 1 };
        root.Options.Add(flow);
        root.Options.Add(respondent);
        root.SetAction(async (result, cancellationToken) =>
        {
            using var host = SurveyBotHost.BuildRunner([], new ConsoleRespondent(result.GetValue(respondent), result.GetValue(flow)));
            await host.RunAsync(cancellationToken);
            return 0;
        });
    }
}
