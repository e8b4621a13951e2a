using System.CommandLine;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using SurveyBot.Engine.Runtime;
using SurveyBot.Flows;
using SurveyBot.Interviews;
using SurveyBot.Simulation;
using SurveyBot.Storage;

namespace SurveyBot.Bench;

/// <summary>
/// N simulated respondents take the full citizen flow through the engine, and every answer is
/// committed to SQLite before its respondent sees the next question. Inputs are committed the way the
/// Telegram channel commits them: whatever inputs are waiting form one unit of work (interviews read
/// together, one transaction for all, written with <see cref="DirectSave"/>), up to <c>--batch</c> at a
/// time; <c>--batch 1</c> gives each answer its own transaction. Prints committed answers per second
/// and peak RSS.
/// </summary>
public static class EngineBenchmark
{
    public static Command Command()
    {
        var respondents = new Option<int>("--respondents") { DefaultValueFactory = _ => 1000, Description = "simulated respondents" };
        var concurrency = new Option<int>("--concurrency") { DefaultValueFactory = _ => 100, Description = "respondents answering at the same time" };
        var batch = new Option<int>("--batch") { DefaultValueFactory = _ => 200, Description = "most inputs committed in one transaction (1: one transaction per answer)" };
        var flow = new Option<string>("--flow") { DefaultValueFactory = _ => "citizen" };
        var command = new Command("engine", "Interviews through the engine with every answer committed to SQLite") { respondents, concurrency, batch, flow };
        command.SetAction(async (result, cancellationToken) =>
        {
            await RunAsync(result.GetValue(respondents), result.GetValue(concurrency), Math.Max(1, result.GetValue(batch)), result.GetValue(flow)!, cancellationToken);
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(int respondents, int concurrency, int batch, string flowId, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("surveybot-bench-").FullName;
        var connectionString = $"Data Source={Path.Combine(folder, "bench.db")}";
        await SurveyDatabase.MigrateAsync(connectionString, cancellationToken);
        var databases = new PooledDbContextFactory<SurveyDbContext>(SurveyDatabase.Options(connectionString));
        var flows = new FlowCatalog(FlowCatalog.ResolveFolder("flows"));
        var inputs = Channel.CreateUnbounded<PendingInput>(new UnboundedChannelOptions { SingleReader = true });
        var committer = Task.Run(() => CommitLoopAsync(inputs.Reader, databases, flows, flowId, batch, cancellationToken), cancellationToken);

        long answers = 0, completed = 0;
        var next = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (Interlocked.Increment(ref next) is var chat && chat <= respondents)
            {
                var turn = await SubmitAsync(inputs.Writer, chat, null);
                while (!turn.Current.IsFinal)
                {
                    turn = await SubmitAsync(inputs.Writer, chat, SimulatedAnswers.For(turn.Current, random));
                    Interlocked.Increment(ref answers);
                }
                if (turn.Interview?.State.Status == InterviewStatus.Completed) Interlocked.Increment(ref completed);
            }
        }, cancellationToken)).ToList();
        await Task.WhenAll(workers);
        clock.Stop();
        inputs.Writer.Complete();
        var transactions = await committer;

        await using var check = await databases.CreateDbContextAsync(cancellationToken);
        var stored = await check.Answers.CountAsync(cancellationToken);
        Console.WriteLine($"engine benchmark: flow {flowId}, {respondents} respondents, concurrency {concurrency}, batch up to {batch}, {Environment.ProcessorCount} cores");
        Console.WriteLine($"  completed interviews   {completed}");
        Console.WriteLine($"  answers committed      {answers} ({stored} answer rows stored)");
        Console.WriteLine($"  transactions           {transactions} ({(double)(answers + respondents) / transactions:F1} inputs each)");
        Console.WriteLine($"  elapsed                {clock.Elapsed.TotalSeconds:F2} s");
        Console.WriteLine($"  committed answers/s    {answers / clock.Elapsed.TotalSeconds:F0}");
        Console.WriteLine($"  peak RSS               {PeakMemory.Megabytes():F0} MB");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Hands one input (null: start) to the committer and waits until it is committed.</summary>
    private static Task<InterviewTurn> SubmitAsync(ChannelWriter<PendingInput> writer, long chat, InterviewInput? input)
    {
        var pending = new PendingInput(chat, input, new TaskCompletionSource<InterviewTurn>(TaskCreationOptions.RunContinuationsAsynchronously));
        writer.TryWrite(pending);
        return pending.Done.Task;
    }

    /// <summary>Commits waiting inputs in units of work of up to <paramref name="batch"/>; returns the number of transactions.</summary>
    private static async Task<int> CommitLoopAsync(ChannelReader<PendingInput> reader, IDbContextFactory<SurveyDbContext> databases, FlowCatalog flows, string flowId, int batch, CancellationToken cancellationToken)
    {
        var transactions = 0;
        var items = new List<PendingInput>(batch);
        var turns = new List<InterviewTurn>(batch);
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            items.Clear();
            turns.Clear();
            while (items.Count < batch && reader.TryRead(out var item)) items.Add(item);
            await using (var db = await databases.CreateDbContextAsync(cancellationToken))
            {
                var interviews = new InterviewService(new InterviewStore(db), flows, TimeProvider.System);
                if (items.Count > 1) await interviews.PrefetchAsync("bench", items.Select(i => i.Chat).ToHashSet(), cancellationToken);
                foreach (var item in items)
                {
                    turns.Add(item.Input is { } input
                        ? (await interviews.HandleAsync("bench", item.Chat, input, false, cancellationToken))!
                        : await interviews.StartOrResumeAsync("bench", item.Chat, flowId, "bench", false, cancellationToken));
                }
                await DirectSave.SaveAsync(db, cancellationToken);
            }
            transactions++;
            for (var i = 0; i < items.Count; i++) items[i].Done.SetResult(turns[i]);
        }
        return transactions;
    }
}
