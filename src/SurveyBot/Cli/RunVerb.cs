using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SurveyBot.Hosting;
using SurveyBot.Supervision;

namespace SurveyBot.Cli;

/// <summary>The root action: run the bot.</summary>
public static class RunVerb
{
    /// <summary>The exit code after a part of the bot failed beyond recovery: non-zero, so systemd (Restart=on-failure) and Docker restart it.</summary>
    public const int FailedExitCode = 1;

    public static void Attach(RootCommand root)
    {
        var flow = new Option<string?>("--flow") { Description = "Console only: the flow to take (default Survey__DefaultFlow)" };
        var respondent = new Option<long>("--respondent") { Description = "Console only: local respondent number; the same number resumes the same interview", DefaultValueFactory = _ => 1 };
        root.Options.Add(flow);
        root.Options.Add(respondent);
        root.SetAction(async (result, cancellationToken) =>
        {
            using var host = SurveyBotHost.BuildRunner([], new ConsoleRespondent(result.GetValue(respondent), result.GetValue(flow)));
            // Taken before the run: the host disposes its services when it ends.
            var supervisor = host.Services.GetService<LoopSupervisor>();
            var services = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
            await host.RunAsync(cancellationToken);
            return ExitCode(supervisor, services);
        });
    }

    /// <summary>
    /// 0 after a requested stop; <see cref="FailedExitCode"/> when the host stopped because a background service
    /// faulted or a loop met a failure it cannot survive (the host itself ends quietly in both cases).
    /// </summary>
    private static int ExitCode(LoopSupervisor? supervisor, List<BackgroundService> services)
    {
        var failure = supervisor?.Failure;
        var faulted = services.FirstOrDefault(service => service.ExecuteTask is { IsFaulted: true });
        if (failure is null && faulted is null) return 0;
        Console.Error.WriteLine($"SurveyBot stopped after a failure: {failure ?? faulted!.GetType().Name + " faulted"}");
        return FailedExitCode;
    }
}
