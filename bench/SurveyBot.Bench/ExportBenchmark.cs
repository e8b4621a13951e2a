using System.CommandLine;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using SurveyBot.Export;
using SurveyBot.Flows;
using SurveyBot.Results;
using SurveyBot.Storage;

namespace SurveyBot.Bench;

/// <summary>
/// Synthesises N completed respondents of a flow into a fresh SQLite file (bulk insert, not the
/// engine), then times the CSV, XLSX, .sav, case-file and paradata exports one after another, each with its
/// own peak RSS, and the fieldwork figures of <c>stats</c> (dispositions, outcome rates, quality flags, dropout).
/// </summary>
public static class ExportBenchmark
{
    public static Command Command()
    {
        var respondents = new Option<int>("--respondents") { DefaultValueFactory = _ => 100_000, Description = "completed respondents to synthesise" };
        var flow = new Option<string>("--flow") { DefaultValueFactory = _ => "citizen" };
        var keep = new Option<bool>("--keep") { Description = "keep the temporary folder (database and exported files)" };
        var command = new Command("export", "Time CSV, XLSX, SPSS .sav, case and paradata exports and stats of a large synthetic fieldwork") { respondents, flow, keep };
        command.SetAction(async (result, cancellationToken) =>
        {
            await RunAsync(result.GetValue(respondents), result.GetValue(flow)!, result.GetValue(keep), cancellationToken);
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(int respondents, string flowId, bool keep, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("surveybot-export-bench-").FullName;
        var connectionString = $"Data Source={Path.Combine(folder, "bench.db")}";
        await SurveyDatabase.MigrateAsync(connectionString, cancellationToken);
        var flow = new FlowCatalog(FlowCatalog.ResolveFolder("flows"))[flowId].Definition;

        var clock = Stopwatch.StartNew();
        var answers = Synthesise(connectionString, flow, respondents);
        Console.WriteLine($"export benchmark: flow {flowId}, {respondents} completed respondents, {answers} answer rows, {Environment.ProcessorCount} cores");
        Console.WriteLine($"  synthesised in         {clock.Elapsed.TotalSeconds:F1} s (bulk insert), peak RSS {PeakMemory.Megabytes():F0} MB");

        var exporter = new ResultExporter(new PooledDbContextFactory<SurveyDbContext>(SurveyDatabase.Options(connectionString)), flow);
        foreach (var format in new[] { ExportFormat.Csv, ExportFormat.Xlsx, ExportFormat.Sav, ExportFormat.Cases, ExportFormat.Paradata })
        {
            GC.Collect();
            PeakMemory.Reset();
            var path = Path.Combine(folder, $"{flowId}.{ResultExporter.Extension(format)}");
            // CPU time beside wall time: on a shared machine the wall clock also counts other processes' turns.
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            clock.Restart();
            await exporter.WriteFileAsync(format, path, cancellationToken);
            clock.Stop();
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine($"  {format,-8} {clock.Elapsed.TotalSeconds,8:F2} s (CPU {used.TotalSeconds:F2} s)   {new FileInfo(path).Length / 1024.0 / 1024.0,7:F1} MB file   peak RSS {PeakMemory.Megabytes():F0} MB");
        }
        {
            GC.Collect();
            PeakMemory.Reset();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            clock.Restart();
            var summary = await new FieldworkStats(new PooledDbContextFactory<SurveyDbContext>(SurveyDatabase.Options(connectionString)), flow).ComputeAsync(cancellationToken);
            clock.Stop();
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var heap = GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes / 1024.0 / 1024.0;
            Console.WriteLine($"  stats    {clock.Elapsed.TotalSeconds,8:F2} s (CPU {used.TotalSeconds:F2} s)   {summary.Cases} cases, {summary.ToFullText().Length} characters   peak RSS {PeakMemory.Megabytes():F0} MB, heap after {heap:F0} MB");
        }
        SqliteConnection.ClearAllPools();
        if (keep) Console.WriteLine($"  kept {folder}");
        else Directory.Delete(folder, recursive: true);
    }

    private static long Synthesise(string connectionString, Engine.Definition.FlowDefinition flow, int respondents)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=OFF;";
            pragma.ExecuteNonQuery();
        }
        var generator = new SyntheticAnswers(flow, seed: 42);
        var start = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        long answers = 0;
        for (var batch = 0; batch < respondents; batch += 10_000)
        {
            using var transaction = connection.BeginTransaction();
            using var respondent = connection.CreateCommand();
            respondent.CommandText = """
                INSERT INTO respondents (Id, PublicId, FlowId, FlowVersion, Channel, ChatId, Ordinal, Status, CurrentStep, HistoryJson, Source, StartedAt, UpdatedAt, CompletedAt)
                VALUES ($id, $public, $flow, $version, 'bench', $id, $ordinal, 'completed', NULL, '[]', 'bench', $started, $completed, $completed)
                """;
            var id = respondent.Parameters.Add("$id", SqliteType.Integer);
            var publicId = respondent.Parameters.Add("$public", SqliteType.Text);
            respondent.Parameters.AddWithValue("$flow", flow.Id);
            respondent.Parameters.AddWithValue("$version", flow.Version);
            var ordinal = respondent.Parameters.Add("$ordinal", SqliteType.Integer);
            var started = respondent.Parameters.Add("$started", SqliteType.Text);
            var completed = respondent.Parameters.Add("$completed", SqliteType.Text);
            using var answer = connection.CreateCommand();
            // Each answer shown 5 s before it, as the bot's paradata would have it.
            answer.CommandText = "INSERT INTO answers (RespondentId, Code, Value, AnsweredAt, ShownAt, Visits) VALUES ($id, $code, $value, $at, $shown, 1)";
            var answerId = answer.Parameters.Add("$id", SqliteType.Integer);
            var code = answer.Parameters.Add("$code", SqliteType.Text);
            var value = answer.Parameters.Add("$value", SqliteType.Text);
            var at = answer.Parameters.Add("$at", SqliteType.Text);
            var shown = answer.Parameters.Add("$shown", SqliteType.Text);
            respondent.Prepare();
            answer.Prepare();
            for (var n = batch; n < Math.Min(respondents, batch + 10_000); n++)
            {
                var begin = start.AddSeconds(n * 13);
                var end = begin.AddSeconds(300 + n % 600);
                id.Value = n + 1;
                publicId.Value = "R" + (n + 1).ToString("x12", System.Globalization.CultureInfo.InvariantCulture);
                ordinal.Value = n;
                started.Value = begin.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
                completed.Value = end.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
                respondent.ExecuteNonQuery();
                answerId.Value = n + 1;
                at.Value = completed.Value;
                shown.Value = end.AddSeconds(-5).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
                foreach (var (column, text) in generator.Next(n))
                {
                    code.Value = column;
                    value.Value = text;
                    answer.ExecuteNonQuery();
                    answers++;
                }
            }
            transaction.Commit();
        }
        return answers;
    }
}
