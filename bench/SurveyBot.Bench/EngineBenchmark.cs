using System.CommandLine;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using SurveyBot.Engine.Runtime;
using SurveyBot.Flows;
using SurveyBot.Interviews;
using SurveyBot.Simulation;
using SurveyBot.Storage;

namespace SurveyBot.Bench;

/// <summary>
/// N simulated respondents take the full citizen flow; every answer is one committed SQLite
/// transaction, exactly as a channel commits it. Prints committed answers per second and peak RSS.
/// </summary>
public static class EngineBenchmark
{
    public static Command Command()
    {
        var respondents = new Option<int>("--respondents") { DefaultValueFactory = _ => 400, Description = "simulated respondents" };
        var concurrency = new Option<int>("--concurrency") { DefaultValueFactory = _ => 8, Description = "respondents answering at the same time" };
        var flow = new Option<string>("--flow") { DefaultValueFactory = _ => "citizen" };
        var command = new Command("engine", "Interviews through the engine with every answer committed to SQLite") { respondents, concurrency, flow };
        command.SetAction(async (result, cancellationToken) =>
        {
            await RunAsync(result.GetValue(respondents), result.GetValue(concurrency), result.GetValue(flow)!, cancellationToken);
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(int respondents, int concurrency, string flowId, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("surveybot-bench-").FullName;
        var connectionString = $"Data Source={Path.Combine(folder, "bench.db")}";
        await SurveyDatabase.MigrateAsync(connectionString, cancellationToken);
        var databases = new PooledDbContextFactory<SurveyDbContext>(SurveyDatabase.Options(connectionString));
        var flows = new FlowCatalog(FlowCatalog.ResolveFolder("flows"));

        long answers = 0, completed = 0;
        var next = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (Interlocked.Increment(ref next) is var chat && chat <= respondents)
            {
                var turn = await CommitAsync(databases, flows, async s => (InterviewTurn?)await s.StartOrResumeAsync("bench", chat, flowId, "bench", false, cancellationToken), cancellationToken);
                while (!turn!.Current.IsFinal)
                {
                    var input = SimulatedAnswers.For(turn.Current, random);
                    turn = await CommitAsync(databases, flows, s => s.HandleAsync("bench", chat, input, false, cancellationToken), cancellationToken);
                    Interlocked.Increment(ref answers);
                }
                if (turn.Interview.State.Status == InterviewStatus.Completed) Interlocked.Increment(ref completed);
            }
        }, cancellationToken)).ToList();
        await Task.WhenAll(workers);
        clock.Stop();

        await using var check = await databases.CreateDbContextAsync(cancellationToken);
        var stored = await check.Answers.CountAsync(cancellationToken);
        Console.WriteLine($"engine benchmark: flow {flowId}, {respondents} respondents, concurrency {concurrency}, {Environment.ProcessorCount} cores");
        Console.WriteLine($"  completed interviews   {completed}");
        Console.WriteLine($"  answers committed      {answers} ({stored} answer rows stored)");
        Console.WriteLine($"  elapsed                {clock.Elapsed.TotalSeconds:F2} s");
        Console.WriteLine($"  committed answers/s    {answers / clock.Elapsed.TotalSeconds:F0}");
        Console.WriteLine($"  mean per answer        {clock.Elapsed.TotalMilliseconds / answers * concurrency:F2} ms (at concurrency {concurrency})");
        Console.WriteLine($"  peak RSS               {PeakMemory.Megabytes():F0} MB");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<InterviewTurn?> CommitAsync(IDbContextFactory<SurveyDbContext> databases, FlowCatalog flows, Func<InterviewService, Task<InterviewTurn?>> work, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var turn = await work(new InterviewService(new InterviewStore(db), flows, TimeProvider.System));
        await db.SaveChangesAsync(cancellationToken);
        return turn;
    }
}
