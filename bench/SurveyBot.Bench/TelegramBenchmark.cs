using System.CommandLine;
using System.Diagnostics;
using SurveyBot.FakeBotApi;
using SurveyBot.FakeBotApi.Respondents;

namespace SurveyBot.Bench;

/// <summary>
/// The whole Telegram path under load: the real SurveyBot program runs as its own process against
/// the loopback Bot API server (send limits off), and N simulated people take the full citizen flow
/// at once, each pausing a little before every answer as a person does. Prints answers per second,
/// the latency from an input reaching the server to the bot's reply being there (the next question;
/// p50/p99), the bot
/// process's peak RSS and the Bot API calls per completed interview.
/// </summary>
public static class TelegramBenchmark
{
    private const string Closing = "지금까지 응답해주셔서 진심으로 감사드립니다";

    public static Command Command()
    {
        var respondents = new Option<int>("--respondents") { DefaultValueFactory = _ => 1000, Description = "simulated people answering at once" };
        var think = new Option<int>("--think-ms") { DefaultValueFactory = _ => 500, Description = "pause before each answer, in milliseconds" };
        var warmup = new Option<int>("--warmup") { DefaultValueFactory = _ => 1000, Description = "people who take the survey first, unmeasured, so the bot runs warm (0: measure a cold bot)" };
        var botEnv = new Option<string[]>("--bot-env") { Description = "KEY=VALUE set in the bot's environment only (repeatable), e.g. a runtime setting to compare", AllowMultipleArgumentsPerToken = false };
        var command = new Command("telegram", "Simulated respondents through the loopback Bot API server and the SurveyBot process") { respondents, think, warmup, botEnv };
        command.SetAction(async (result, cancellationToken) =>
            await RunAsync(result.GetValue(respondents), result.GetValue(warmup), TimeSpan.FromMilliseconds(result.GetValue(think)), result.GetValue(botEnv) ?? [], cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int count, int warmup, TimeSpan think, string[] botEnv, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("surveybot-bench-").FullName;
        // The loopback server shares the machine with the bot: it keeps only a short call log and each chat's newest
        // messages, so its memory (and its collector's pauses, which stall every chat at once) stay small over a long
        // run. Keeping everything, its heap grew past 600 MB and its pauses added to the bot's measured latency.
        await using var server = await FakeBotApiServer.StartAsync(new FakeBotApiOptions
        {
            MaxRecordedCalls = 1_000,
            RecordRequestBodies = false,
            MaxRetainedConfirmedUpdates = 1_000,
            MaxMessagesPerChat = 8,
        });
        using var bot = StartBot(server, Path.Combine(folder, "bench.db"), botEnv);
        try
        {
            await server.WaitUntilAsync(() => server.CallCount("getUpdates") > 0, TimeSpan.FromSeconds(60));
            if (warmup > 0)
            {
                // A bot in the field runs for days: its code is compiled and tiered up long before any
                // one hour of fieldwork. The warm-up wave takes the same flow first, unmeasured.
                var warming = Stopwatch.StartNew();
                await RunWaveAsync(server, 2_000_000, warmup, think, cancellationToken);
                Console.WriteLine($"warm-up: {warmup} respondents in {warming.Elapsed.TotalSeconds:F1} s (not measured)");
            }
            bot.Refresh();
            var cpuBefore = bot.TotalProcessorTime;
            var harnessBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var harnessPausesBefore = GC.GetTotalPauseDuration();
            var callsBefore = Methods.Sum(server.CallCount);
            var clock = Stopwatch.StartNew();
            var people = await RunWaveAsync(server, 1_000_000, count, think, cancellationToken);
            clock.Stop();
            var peak = PeakMemory.Megabytes(bot.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            bot.Refresh();
            var botCpu = bot.TotalProcessorTime - cpuBefore;
            var harnessCpu = Process.GetCurrentProcess().TotalProcessorTime - harnessBefore;

            var inputs = people.Sum(p => p.Sent.Count);
            // The reply is what the respondent can act on: the next question (or the same one redrawn, or the closing).
            var latencies = people.SelectMany(p => p.ReplyLatencies).Order().ToArray();
            var reactions = people.SelectMany(p => p.Latencies).Order().ToArray();
            var calls = Methods.Sum(server.CallCount) - callsBefore;
            Console.WriteLine($"telegram benchmark: {count} respondents, think time {think.TotalMilliseconds:F0} ms, {(warmup > 0 ? "warm bot" : "cold bot")}, {Environment.ProcessorCount} cores");
            Console.WriteLine($"  completed interviews     {count}");
            Console.WriteLine($"  answers                  {inputs}");
            Console.WriteLine($"  elapsed                  {clock.Elapsed.TotalSeconds:F1} s");
            Console.WriteLine($"  answers/s                {inputs / clock.Elapsed.TotalSeconds:F0}");
            Console.WriteLine($"  input -> reply p50       {Percentile(latencies, 0.50):F1} ms");
            Console.WriteLine($"  input -> reply p99       {Percentile(latencies, 0.99):F1} ms");
            Console.WriteLine($"  input -> reply max       {latencies[^1]:F1} ms");
            Console.WriteLine($"  first visible reaction   p50 {Percentile(reactions, 0.50):F1} ms, p99 {Percentile(reactions, 0.99):F1} ms (the answered question edited)");
            // Everyone starts within one think time, so the first inputs meet a queue no steady flow has.
            var steady = people.SelectMany(p => p.ReplyLatencies.Skip(StartRush)).Order().ToArray();
            Console.WriteLine($"  after the start rush     p50 {Percentile(steady, 0.50):F1} ms, p99 {Percentile(steady, 0.99):F1} ms (each person's first {StartRush} inputs left out)");
            Console.WriteLine($"  bot peak RSS             {peak:F0} MB (whole run{(warmup > 0 ? ", warm-up included" : "")})");
            Console.WriteLine($"  CPU time: bot            {botCpu.TotalSeconds:F1} s ({botCpu.TotalMilliseconds / inputs:F2} ms per answer)");
            Console.WriteLine($"  CPU time: server+people  {harnessCpu.TotalSeconds:F1} s (this process: the loopback Bot API and the simulated respondents)");
            Console.WriteLine($"  Bot API calls/interview  {(double)calls / count:F1} (sendMessage, editMessageText, answerCallbackQuery)");
            // The harness shares the machine: its own collector pauses stall every simulated chat and the server at once.
            Console.WriteLine($"  GC pauses: server+people {(GC.GetTotalPauseDuration() - harnessPausesBefore).TotalMilliseconds:F0} ms (heap {GC.GetGCMemoryInfo().HeapSizeBytes >> 20} MB)");
            return 0;
        }
        finally
        {
            if (!bot.HasExited) bot.Kill(entireProcessTree: true);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private const int StartRush = 5;

    private static readonly string[] Methods = ["sendMessage", "editMessageText", "answerCallbackQuery"];

    /// <summary>
    /// <paramref name="count"/> simulated people (chat ids from <paramref name="firstChat"/>) take the flow at once; their
    /// starts are spread over one think time, as people do not all press at the same instant.
    /// </summary>
    private static async Task<List<SimulatedRespondent>> RunWaveAsync(FakeBotApiServer server, long firstChat, int count, TimeSpan think, CancellationToken cancellationToken)
    {
        var people = Enumerable.Range(0, count)
            .Select(i => new SimulatedRespondent(server, firstChat + i, seed: i, m => m.Text.Contains(Closing))
            {
                ThinkTime = think,
                Patience = TimeSpan.FromSeconds(30),
                Deadline = TimeSpan.FromMinutes(20),
            })
            .ToList();
        var stagger = new Random(1);
        await Task.WhenAll(people.Select(person => Task.Run(async () =>
        {
            await Task.Delay(stagger.Next((int)think.TotalMilliseconds + 1), cancellationToken);
            await person.RunAsync(cancellationToken);
        }, cancellationToken)));
        return people;
    }

    /// <summary>
    /// The SurveyBot program built beside this benchmark (same configuration), as a child process; <paramref name="settings"/>
    /// are set before <paramref name="botEnv"/>, so a KEY=VALUE given on the command line wins.
    /// </summary>
    internal static Process StartBot(FakeBotApiServer server, string database, string[] botEnv, IReadOnlyDictionary<string, string>? settings = null)
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
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) info.Environment[key] = value;
        foreach (var setting in botEnv)
        {
            var split = setting.IndexOf('=', StringComparison.Ordinal);
            if (split > 0) info.Environment[setting[..split]] = setting[(split + 1)..];
        }
        return Process.Start(info)!;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
