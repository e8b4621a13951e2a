using System.CommandLine;
using System.Diagnostics;
using SurveyBot.FakeBotApi;
using SurveyBot.FakeBotApi.Respondents;

namespace SurveyBot.Bench;

/// <summary>
/// The whole Telegram path under load: the real SurveyBot program runs as its own process against
/// the loopback Bot API server (send limits off), and N simulated people take the full citizen flow
/// at once, each pausing a little before every answer as a person does. Prints answers per second,
/// the latency from an input reaching the server to the bot's reply being there (p50/p99), the bot
/// process's peak RSS and the Bot API calls per completed interview.
/// </summary>
public static class TelegramBenchmark
{
    private const string Closing = "지금까지 응답해주셔서 진심으로 감사드립니다";

    public static Command Command()
    {
        var respondents = new Option<int>("--respondents") { DefaultValueFactory = _ => 1000, Description = "simulated people answering at once" };
        var think = new Option<int>("--think-ms") { DefaultValueFactory = _ => 500, Description = "pause before each answer, in milliseconds" };
        var command = new Command("telegram", "Simulated respondents through the loopback Bot API server and the SurveyBot process") { respondents, think };
        command.SetAction(async (result, cancellationToken) =>
            await RunAsync(result.GetValue(respondents), TimeSpan.FromMilliseconds(result.GetValue(think)), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int count, TimeSpan think, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("surveybot-bench-").FullName;
        await using var server = await FakeBotApiServer.StartAsync();
        using var bot = StartBot(server, Path.Combine(folder, "bench.db"));
        try
        {
            await server.WaitUntilAsync(() => server.CallCount("getUpdates") > 0, TimeSpan.FromSeconds(60));
            var people = Enumerable.Range(0, count)
                .Select(i => new SimulatedRespondent(server, 1_000_000 + i, seed: i, m => m.Text.Contains(Closing))
                {
                    ThinkTime = think,
                    Patience = TimeSpan.FromSeconds(30),
                    Deadline = TimeSpan.FromMinutes(20),
                })
                .ToList();
            var stagger = new Random(1);
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(people.Select(person => Task.Run(async () =>
            {
                // People do not all press at the same instant: starts are spread over one think time.
                await Task.Delay(stagger.Next((int)think.TotalMilliseconds + 1), cancellationToken);
                await person.RunAsync(cancellationToken);
            }, cancellationToken)));
            clock.Stop();
            var peak = PeakMemory.Megabytes(bot.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            bot.Refresh();
            var botCpu = bot.TotalProcessorTime;
            var harnessCpu = Process.GetCurrentProcess().TotalProcessorTime;

            var inputs = people.Sum(p => p.Sent.Count);
            var latencies = people.SelectMany(p => p.Latencies).Order().ToArray();
            string[] methods = ["sendMessage", "editMessageText", "answerCallbackQuery"];
            var calls = methods.Sum(server.CallCount);
            Console.WriteLine($"telegram benchmark: {count} respondents, think time {think.TotalMilliseconds:F0} ms, {Environment.ProcessorCount} cores");
            Console.WriteLine($"  completed interviews     {count}");
            Console.WriteLine($"  answers                  {inputs}");
            Console.WriteLine($"  elapsed                  {clock.Elapsed.TotalSeconds:F1} s");
            Console.WriteLine($"  answers/s                {inputs / clock.Elapsed.TotalSeconds:F0}");
            Console.WriteLine($"  input -> reply p50       {Percentile(latencies, 0.50):F1} ms");
            Console.WriteLine($"  input -> reply p99       {Percentile(latencies, 0.99):F1} ms");
            Console.WriteLine($"  input -> reply max       {latencies[^1]:F1} ms");
            Console.WriteLine($"  bot peak RSS             {peak:F0} MB");
            Console.WriteLine($"  CPU time: bot            {botCpu.TotalSeconds:F1} s ({botCpu.TotalMilliseconds / inputs:F2} ms per answer)");
            Console.WriteLine($"  CPU time: server+people  {harnessCpu.TotalSeconds:F1} s (this process: the loopback Bot API and the simulated respondents)");
            Console.WriteLine($"  Bot API calls/interview  {(double)calls / count:F1} (sendMessage, editMessageText, answerCallbackQuery)");
            return 0;
        }
        finally
        {
            if (!bot.HasExited) bot.Kill(entireProcessTree: true);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The SurveyBot program built beside this benchmark (same configuration), as a child process.</summary>
    private static Process StartBot(FakeBotApiServer server, string database)
    {
        var own = AppContext.BaseDirectory.Replace(Path.Combine("bench", "SurveyBot.Bench", "bin"), Path.Combine("src", "SurveyBot", "bin"), StringComparison.Ordinal);
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardInput = true, WorkingDirectory = Path.GetDirectoryName(database)! };
        info.ArgumentList.Add(Path.Combine(File.Exists(Path.Combine(own, "SurveyBot.dll")) ? own : AppContext.BaseDirectory, "SurveyBot.dll"));
        info.Environment["Telegram__BotToken"] = server.Token;
        info.Environment["Telegram__ApiBaseUrl"] = server.BaseUrl;
        info.Environment["Telegram__GlobalMessagesPerSecond"] = "0";
        info.Environment["Telegram__PerChatMessagesPerSecond"] = "0";
        info.Environment["ConnectionStrings__SurveyBot"] = $"Data Source={database}";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        return Process.Start(info)!;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
