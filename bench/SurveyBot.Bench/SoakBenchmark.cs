using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using SurveyBot.FakeBotApi;
using SurveyBot.FakeBotApi.Respondents;
using SurveyBot.Flows;

namespace SurveyBot.Bench;

/// <summary>
/// Endurance: the real SurveyBot process against the loopback Bot API server until the bot has made a given number of
/// sends and edits (two million by default), with its pacing lifted so that weeks of fieldwork pass in minutes. Simulated
/// people take the full citizen flow back to back (a seat takes the next person as soon as one finishes), some going back
/// with /back, some stopping half-way and resuming after the reminder; a broadcast from a staff CSV goes out during part of
/// it. Every interval it prints the bot's managed heap after a full collection, its RSS and threads, the inbox and outbox
/// backlog and the answers stored per second; at the end every finished interview is compared with what its person sent.
/// </summary>
public static class SoakBenchmark
{
    private const string Closing = "지금까지 응답해주셔서 진심으로 감사드립니다";
    private const long StaffUser = 4242;
    private const long FirstChat = 3_000_000;
    private const long FirstListedChat = 9_000_000_000;

    public static Command Command()
    {
        var calls = new Option<long>("--calls") { DefaultValueFactory = _ => 2_000_000, Description = "Bot API sends and edits to run for" };
        var respondents = new Option<int>("--respondents") { DefaultValueFactory = _ => 1000, Description = "people answering at once" };
        var think = new Option<int>("--think-ms") { DefaultValueFactory = _ => 0, Description = "pause before each answer, in milliseconds" };
        var backChance = new Option<double>("--back-chance") { DefaultValueFactory = _ => 0.03, Description = "chance of a /back before an answer" };
        var pausingEvery = new Option<int>("--pausing-every") { DefaultValueFactory = _ => 10, Description = "every Nth person stops half-way and resumes later (0: nobody)" };
        var pause = new Option<int>("--pause-seconds") { DefaultValueFactory = _ => 75, Description = "how long they stay away (reminders come after 1 min)" };
        var recipients = new Option<int>("--broadcast-recipients") { DefaultValueFactory = _ => 200_000, Description = "chat ids in the staff CSV broadcast (0: no broadcast)" };
        var interval = new Option<int>("--interval-seconds") { DefaultValueFactory = _ => 10, Description = "how often the bot is measured" };
        var botEnv = new Option<string[]>("--bot-env") { Description = "KEY=VALUE set in the bot's environment only (repeatable)", AllowMultipleArgumentsPerToken = false };
        var command = new Command("soak", "Endurance: millions of Bot API calls through the SurveyBot process, watching its memory")
        {
            calls, respondents, think, backChance, pausingEvery, pause, recipients, interval, botEnv,
        };
        command.SetAction(async (result, cancellationToken) => await RunAsync(new Settings(
            result.GetValue(calls), result.GetValue(respondents), TimeSpan.FromMilliseconds(result.GetValue(think)), result.GetValue(backChance),
            result.GetValue(pausingEvery), TimeSpan.FromSeconds(result.GetValue(pause)), result.GetValue(recipients),
            TimeSpan.FromSeconds(result.GetValue(interval)), result.GetValue(botEnv) ?? []), cancellationToken));
        return command;
    }

    private sealed record Settings(long Calls, int Respondents, TimeSpan Think, double BackChance, int PausingEvery, TimeSpan Pause,
        int BroadcastRecipients, TimeSpan Interval, string[] BotEnv);

    private sealed record Sample(TimeSpan At, long Calls, long? Heap, ProcessStatus? Status);

    private static async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("surveybot-soak-").FullName;
        var flowsFolder = CopyFlows(folder);
        var database = Path.Combine(folder, "soak.db");
        var readOnly = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var server = await FakeBotApiServer.StartAsync(new FakeBotApiOptions
        {
            MaxRecordedCalls = 1_000,
            RecordRequestBodies = false,
            MaxRetainedConfirmedUpdates = 1_000,
            MaxMessagesPerChat = 8,
            // The staff CSV arrives without a size, as the Bot API may send it: the bot bounds it by what it reads.
            OmitFileSizes = true,
        });
        using var bot = TelegramBenchmark.StartBot(server, database, limits: false, settings.BotEnv, new Dictionary<string, string>
        {
            ["Survey__FlowsPath"] = flowsFolder,
            ["Fieldwork__ScanIntervalSeconds"] = "5",
            ["Access__Staff__0"] = StaffUser.ToString(CultureInfo.InvariantCulture),
            ["Broadcast__PaidBroadcasts"] = "true",
            ["Broadcast__PaidMessagesPerSecond"] = "1000",
            ["Broadcast__Concurrency"] = "16",
        });
        Console.WriteLine($"soak: capacity run, the bot's pacing lifted (Telegram's per-chat and global limits off, paid broadcasts at 1,000/s, reminders after 1 min idle): "
            + $"it shows memory over time, not what Telegram lets through. {settings.Calls:N0} sends+edits, {settings.Respondents} people at once, think {settings.Think.TotalMilliseconds:F0} ms, "
            + $"{Environment.ProcessorCount} cores; the heap is read after a full collection the probe induces every {settings.Interval.TotalSeconds:F0} s");
        var check = new SoakAnswerCheck(readOnly, new FlowCatalog(flowsFolder)["citizen"].Plan);
        var samples = new List<Sample>();
        var clock = Stopwatch.StartNew();
        long next = 0;
        var stuck = 0;
        var finished = Channel.CreateUnbounded<SimulatedRespondent>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await server.WaitUntilAsync(() => server.CallCount("getUpdates") > 0, TimeSpan.FromSeconds(60));
            var checking = Task.Run(() => CheckFinishedAsync(finished.Reader, check, stop.Token), stop.Token);
            var stagger = new Random(1);
            var seats = Enumerable.Range(0, settings.Respondents).Select(seat => Task.Run(async () =>
            {
                await Task.Delay(stagger.Next(1000), stop.Token);
                while (Calls(server) < settings.Calls && !stop.IsCancellationRequested && !bot.HasExited)
                {
                    var n = Interlocked.Increment(ref next);
                    var person = new SimulatedRespondent(server, FirstChat + n, seed: (int)n, m => m.Text.Contains(Closing, StringComparison.Ordinal))
                    {
                        ThinkTime = settings.Think,
                        Patience = TimeSpan.FromSeconds(30),
                        Deadline = TimeSpan.FromMinutes(20),
                        BackChance = settings.BackChance,
                        PauseAfter = settings.PausingEvery > 0 && n % settings.PausingEvery == 0 ? 30 + (int)(n % 40) : 0,
                        PauseFor = settings.Pause,
                        IgnoreBotButtons = true,
                    };
                    try
                    {
                        await person.RunAsync(stop.Token);
                        await finished.Writer.WriteAsync(person, stop.Token);
                    }
                    catch (TimeoutException error)
                    {
                        Interlocked.Increment(ref stuck);
                        lock (check) check.Fail(person.ChatId, "stuck: " + error.Message.Split('\n')[0]);
                    }
                }
            }, stop.Token)).ToList();
            var everyone = Task.WhenAll(seats);

            Task? broadcast = null;
            var lastCalls = 0L;
            var lastAnswers = await CountAsync(readOnly, "SELECT COUNT(*) FROM answers", cancellationToken);
            var lastAt = TimeSpan.Zero;
            while (!everyone.IsCompleted)
            {
                await Task.WhenAny(everyone, Task.Delay(settings.Interval, cancellationToken));
                if (bot.HasExited) break;
                var sample = await MeasureAsync(bot, server, clock.Elapsed);
                samples.Add(sample);
                var answers = await CountAsync(readOnly, "SELECT COUNT(*) FROM answers", cancellationToken);
                var seconds = (sample.At - lastAt).TotalSeconds;
                Print(sample, (sample.Calls - lastCalls) / seconds, (answers - lastAnswers) / seconds,
                    await CountAsync(readOnly, "SELECT COUNT(*) FROM inbox WHERE ProcessedAt IS NULL", cancellationToken),
                    await CountAsync(readOnly, "SELECT COUNT(*) FROM outbox WHERE Status = 'pending'", cancellationToken));
                (lastCalls, lastAnswers, lastAt) = (sample.Calls, answers, sample.At);
                if (broadcast is null && settings.BroadcastRecipients > 0 && sample.Calls >= settings.Calls / 5)
                    broadcast = Task.Run(() => StartBroadcastAsync(server, settings.BroadcastRecipients, FirstChat + 1, Interlocked.Read(ref next) - settings.Respondents), cancellationToken);
            }
            var underLoad = samples.LastOrDefault();
            var exitedUnderLoad = bot.HasExited;
            if (!exitedUnderLoad) await everyone;
            if (broadcast is not null) await broadcast;
            finished.Writer.Complete();
            await checking;

            // The load is over: what is left drains, and the bot is measured once more at rest.
            var drained = !exitedUnderLoad && await DrainAsync(readOnly, bot, TimeSpan.FromMinutes(3), cancellationToken);
            var atRest = bot.HasExited ? null : await MeasureAsync(bot, server, clock.Elapsed);
            var deliveries = await DeliveriesAsync(readOnly, cancellationToken);
            var reminders = await CountAsync(readOnly, "SELECT COALESCE(SUM(RemindersSent), 0) FROM respondents", cancellationToken);
            return Report(settings, samples, underLoad, atRest, bot, check, stuck, drained, deliveries, reminders, clock.Elapsed);
        }
        finally
        {
            await stop.CancelAsync();
            if (!bot.HasExited) bot.Kill(entireProcessTree: true);
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static long Calls(FakeBotApiServer server) => server.CallCount("sendMessage") + server.CallCount("editMessageText");

    /// <summary>The shipped flows, the citizen flow reminding after a minute instead of a day, so reminders happen during the run.</summary>
    private static string CopyFlows(string folder)
    {
        var target = Directory.CreateDirectory(Path.Combine(folder, "flows")).FullName;
        foreach (var file in Directory.EnumerateFiles(FlowCatalog.ResolveFolder("flows"), "*.yaml"))
        {
            var text = File.ReadAllText(file);
            if (Path.GetFileName(file) == "citizen.yaml") text = text.Replace("remind_after: 24h", "remind_after: 1m", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(target, Path.GetFileName(file)), text);
        }
        return target;
    }

    private static async Task CheckFinishedAsync(ChannelReader<SimulatedRespondent> reader, SoakAnswerCheck check, CancellationToken cancellationToken)
    {
        var batch = new List<SimulatedRespondent>();
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            batch.Clear();
            while (batch.Count < 500 && reader.TryRead(out var person)) batch.Add(person);
            // Checked as they finish and then dropped, so the harness's own memory stays flat over millions of inputs.
            Task checking;
            lock (check) checking = check.CheckAsync(batch, cancellationToken);
            await checking;
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>
    /// Staff upload a CSV of chat ids: finished respondents first, then chats that never wrote (one in twenty of them has
    /// blocked the bot), and confirm the preview.
    /// </summary>
    private static async Task StartBroadcastAsync(FakeBotApiServer server, int recipients, long firstFinished, long lastFinished)
    {
        var csv = new StringBuilder("chat_id\n");
        var known = (int)Math.Clamp(lastFinished - firstFinished, 0, recipients / 4);
        for (var i = 0; i < known; i++) csv.Append(firstFinished + i).Append('\n');
        for (var i = 0; i < recipients - known; i++)
        {
            if (i % 20 == 0) server.BlockChat(FirstListedChat + i);
            csv.Append(FirstListedChat + i).Append('\n');
        }
        server.SendDocument(StaffUser, "recipients.csv", Encoding.UTF8.GetBytes(csv.ToString()), "/broadcast citizen", StaffUser);
        var preview = await server.WaitForMessageAsync(StaffUser, m => m.Buttons.Any(b => b.CallbackData?.StartsWith("!bc:go:", StringComparison.Ordinal) == true), TimeSpan.FromMinutes(2));
        server.PressButton(StaffUser, preview.MessageId, preview.Buttons.First(b => b.CallbackData!.StartsWith("!bc:go:", StringComparison.Ordinal)).CallbackData!, StaffUser);
        Console.WriteLine($"  broadcast: {recipients:N0} chat ids uploaded ({known:N0} finished respondents), confirmed");
    }

    private static async Task<Sample> MeasureAsync(Process bot, FakeBotApiServer server, TimeSpan at)
    {
        var heap = await Task.Run(() => HeapProbe.AfterFullCollection(bot.Id, TimeSpan.FromSeconds(20)));
        return new Sample(at, Calls(server), heap, ProcessStatus.Of(bot.Id));
    }

    private static void Print(Sample sample, double callsPerSecond, double answersPerSecond, long inbox, long outbox) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {sample.At.TotalSeconds,5:F0} s  calls {sample.Calls,9:N0} ({callsPerSecond,5:F0}/s)  answers {answersPerSecond,5:F0}/s  heap {Mb(sample.Heap),6}  rss {sample.Status?.RssMegabytes,4:F0} MB  threads {sample.Status?.Threads,3}  inbox {inbox,5}  outbox {outbox,5}  load {LoadAverage()}"));

    private static long? Median(IEnumerable<Sample> samples)
    {
        var heaps = samples.Select(s => s.Heap!.Value).Order().ToList();
        return heaps.Count == 0 ? null : heaps[heaps.Count / 2];
    }

    private static string Mb(long? bytes) => bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1048576.0:F1} MB") : "?";

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "?"; }
    }

    private static async Task<long> CountAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task<bool> DrainAsync(string connectionString, Process bot, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout && !bot.HasExited)
        {
            var left = await CountAsync(connectionString, "SELECT (SELECT COUNT(*) FROM inbox WHERE ProcessedAt IS NULL) + (SELECT COUNT(*) FROM outbox WHERE Status = 'pending') "
                + "+ (SELECT COUNT(*) FROM deliveries WHERE Status IN ('pending', 'sending'))", cancellationToken);
            if (left == 0) return true;
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
        return false;
    }

    private static async Task<string> DeliveriesAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Status, COUNT(*) FROM deliveries GROUP BY Status ORDER BY Status";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var parts = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetInt64(1):N0} {reader.GetString(0)}"));
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    private static int Report(Settings settings, List<Sample> samples, Sample? underLoad, Sample? atRest, Process bot, SoakAnswerCheck check, int stuck,
        bool drained, string deliveries, long reminders, TimeSpan elapsed)
    {
        // A heap after a full collection still moves with what is in flight at that moment: the median of three
        // samples stands for each end.
        var measured = samples.Where(s => s.Heap is not null).ToList();
        var baselineHeap = Median(measured.Where(s => s.Calls >= 200_000).Take(3));
        var endHeap = Median(measured.Where(s => s.At <= (underLoad?.At ?? TimeSpan.MaxValue)).TakeLast(3));
        var baseline = measured.FirstOrDefault(s => s.Calls >= 200_000);
        var peakRss = samples.Concat(atRest is null ? [] : [atRest]).Max(s => s.Status?.RssMegabytes) ?? 0;
        var heaps = samples.Where(s => s.Heap is not null).Select(s => s.Heap!.Value).ToList();
        var exited = bot.HasExited;
        Console.WriteLine($"soak summary ({elapsed.TotalSeconds:F0} s, pacing lifted)");
        Console.WriteLine($"  sends+edits             {underLoad?.Calls ?? 0:N0} under load (target {settings.Calls:N0})");
        Console.WriteLine($"  interviews checked      {check.Respondents:N0} ({check.Answers:N0} stored answers compared with what was sent), {stuck} stuck");
        Console.WriteLine($"  reminders sent          {reminders:N0}; broadcast deliveries: {deliveries}");
        if (heaps.Count > 0) Console.WriteLine($"  heap after full GC      min {Mb(heaps.Min())}, max {Mb(heaps.Max())}; after 200,000 calls {Mb(baseline?.Heap)}, last under load {Mb(underLoad?.Heap)}, at rest {Mb(atRest?.Heap)}");
        Console.WriteLine($"  peak RSS (sampled)      {peakRss:F0} MB; bot's own high-water mark {PeakMemory.Megabytes(bot.Id.ToString(CultureInfo.InvariantCulture))?.ToString("F0", CultureInfo.InvariantCulture) ?? "?"} MB");
        var growth = baselineHeap is { } first && endHeap is { } last ? (double)(last - first) / first : (double?)null;
        Console.WriteLine($"  heap, median of 3       {Mb(baselineHeap)} after 200,000 calls, {Mb(endHeap)} at the end of the load");
        var targets = new (string Name, bool Met)[]
        {
            ("the bot never exited", !exited),
            ("RSS under 200 MB throughout", peakRss < 200),
            // The target is against growth: a heap that ends smaller than it was after 200,000 calls meets it.
            ($"heap at the end no more than 10% above its size after 200,000 calls ({(growth is { } g ? g.ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture) : "not measured")})", growth is { } change && change <= 0.10),
            ("every answer stored once, none lost", check.Failed == 0 && check.Respondents > 0),
            ("backlog drained at the end", drained),
        };
        foreach (var (name, met) in targets) Console.WriteLine($"  {(met ? "met   " : "MISSED")}  {name}");
        foreach (var problem in check.Problems) Console.WriteLine($"    {problem}");
        if (exited) Console.WriteLine($"  the bot exited with code {bot.ExitCode}");
        return targets.All(t => t.Met) ? 0 : 1;
    }
}
