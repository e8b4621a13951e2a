using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SurveyBot.FakeBotApi;
using SurveyBot.FakeBotApi.Respondents;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Bench;

/// <summary>
/// The whole Telegram path under load: the real SurveyBot program runs as its own process, at its default settings,
/// against the loopback Bot API server enforcing Telegram's limits (per chat a burst of 3 then 1 message a second,
/// sends and edits together; bulk notifications 30/s, paid 1,000/s), and N simulated people take the citizen flow at
/// once, each pausing before every answer as a person does. Prints answers per second, the latency from an input
/// reaching the server to the reply the respondent can act on (the next question; p50/p99), the 429s Telegram
/// answered, the sends and edits per answer and the bot's peak RSS. <c>--limits off</c> with a short think time is
/// the capacity run (the bot's own ceiling, every limit lifted); <c>--broadcast N</c> runs the wave without and then
/// with a broadcast of N invitations and prints both.
/// </summary>
public static class TelegramBenchmark
{
    private const string Closing = "지금까지 응답해주셔서 진심으로 감사드립니다";

    public static Command Command()
    {
        var respondents = new Option<int>("--respondents") { DefaultValueFactory = _ => 1000, Description = "simulated people answering at once" };
        var think = new Option<string>("--think-ms") { DefaultValueFactory = _ => "2000-4000", Description = "pause before each answer in milliseconds, fixed (500) or drawn from a range (2000-4000)" };
        var limits = new Option<string>("--limits") { DefaultValueFactory = _ => "telegram", Description = "telegram: the server enforces Telegram's limits and the bot runs at its defaults; off: every limit lifted (the capacity run)" };
        var warmup = new Option<int>("--warmup") { DefaultValueFactory = _ => 500, Description = "people who take the survey first, unmeasured, at 500 ms per answer, so the bot runs warm (0: measure a cold bot)" };
        var duration = new Option<int>("--duration-s") { DefaultValueFactory = _ => 0, Description = "stop the measured wave after this many seconds (0: when everyone has finished)" };
        var broadcast = new Option<int>("--broadcast") { DefaultValueFactory = _ => 0, Description = "run the wave twice, without and then with a broadcast of this many invitations, and compare" };
        var paid = new Option<bool>("--paid") { Description = "the broadcast is a paid one (allow_paid_broadcast, up to 1,000/s)" };
        var mode = new Option<string>("--mode") { DefaultValueFactory = _ => "polling", Description = "polling: the bot polls getUpdates; webhook: the loopback server posts each update to the bot's webhook listener" };
        var botEnv = new Option<string[]>("--bot-env") { Description = "KEY=VALUE set in the bot's environment only (repeatable), e.g. a runtime setting to compare", AllowMultipleArgumentsPerToken = false };
        var storage = new Option<string>("--storage") { DefaultValueFactory = _ => "sqlite", Description = "sqlite: the bot's embedded default; postgres: a PostgreSQL server of the benchmark's own (initdb in a temporary folder, fsync on)" };
        var instances = new Option<int>("--instances") { DefaultValueFactory = _ => 1, Description = "SurveyBot processes on one bot: 2 needs --storage postgres and --mode webhook (the loopback server spreads its webhook calls round-robin over them, as a load balancer would)" };
        var command = new Command("telegram", "Simulated respondents through the loopback Bot API server and the SurveyBot process") { respondents, think, limits, warmup, duration, broadcast, paid, mode, botEnv, storage, instances };
        command.SetAction(async (result, cancellationToken) =>
        {
            var (low, high) = ParseThink(result.GetValue(think)!);
            var run = new Run(result.GetValue(respondents), low, high, result.GetValue(limits) != "off", result.GetValue(warmup),
                TimeSpan.FromSeconds(result.GetValue(duration)), result.GetValue(broadcast), result.GetValue(paid), result.GetValue(botEnv) ?? [],
                result.GetValue(mode) == "webhook")
            {
                Postgres = result.GetValue(storage) == "postgres",
                Instances = result.GetValue(instances),
            };
            if (run.Instances is < 1 or > 4 || (run.Instances > 1 && !(run.Postgres && run.Webhook)))
            {
                Console.Error.WriteLine("--instances: 1 to 4, and more than 1 only with --storage postgres --mode webhook (instances share one database and one webhook).");
                return 2;
            }
            return await RunAsync(run, cancellationToken);
        });
        return command;
    }

    private sealed record Run(int Count, TimeSpan ThinkLow, TimeSpan ThinkHigh, bool Limits, int Warmup, TimeSpan Duration, int Broadcast, bool Paid, string[] BotEnv, bool Webhook)
    {
        public bool Postgres { get; init; }

        public int Instances { get; init; } = 1;
    }

    private static (TimeSpan Low, TimeSpan High) ParseThink(string text)
    {
        var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        var low = TimeSpan.FromMilliseconds(int.Parse(parts[0], CultureInfo.InvariantCulture));
        return (low, parts.Length == 2 ? TimeSpan.FromMilliseconds(int.Parse(parts[1], CultureInfo.InvariantCulture)) : low);
    }

    private static async Task<int> RunAsync(Run run, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("surveybot-bench-").FullName;
        var database = Path.Combine(folder, "bench.db");
        // The loopback server shares the machine with the bot: it keeps only a short call log and each chat's newest
        // messages, so its memory (and its collector's pauses, which stall every chat at once) stay small over a long
        // run. Keeping everything, its heap grew past 600 MB and its pauses added to the bot's measured latency; with
        // 26,000 people at once even 8 messages a chat came to 556 MB and 13 s of pauses in 90 s. A respondent acts on
        // the newest question, at most a reminder or an invitation behind it: 4 are enough.
        var options = new FakeBotApiOptions
        {
            MaxRecordedCalls = 1_000,
            RecordRequestBodies = false,
            MaxRetainedConfirmedUpdates = 1_000,
            MaxMessagesPerChat = 4,
        };
        if (run.Limits) options.WithTelegramLimits();
        await using var server = await FakeBotApiServer.StartAsync(options);
        using var postgres = run.Postgres ? SurveyBot.Testing.Postgres.PostgresServer.Start(durable: true) : null;
        var storage = postgres is null ? (StorageProvider.Sqlite, $"Data Source={database}") : (StorageProvider.Postgres, postgres.CreateDatabase("bench"));
        var bots = new List<Process>();
        var urls = new List<string>();
        for (var instance = 0; instance < run.Instances; instance++)
        {
            var settings = new Dictionary<string, string>();
            if (run.Paid) settings["Broadcast__Concurrency"] = "16";
            if (run.Webhook) urls.Add(WebhookSettings(settings));
            if (postgres is not null)
            {
                settings["Storage__Provider"] = "postgres";
                settings["ConnectionStrings__SurveyBot"] = storage.Item2;
            }
            bots.Add(StartBot(server, database, run.Limits, run.BotEnv, settings));
        }
        try
        {
            await server.WaitUntilAsync(() => run.Webhook ? server.CallCount("setWebhook") >= run.Instances : server.CallCount("getUpdates") > 0, TimeSpan.FromSeconds(60));
            // Each instance registers its own listener; in the field all of them sit behind one URL and a load balancer.
            if (run.Instances > 1) server.SpreadWebhookOver([.. urls]);
            if (run.Warmup > 0)
            {
                // A bot in the field runs for days: its code is compiled and tiered up long before any
                // one hour of fieldwork. The warm-up wave takes the same flow first, unmeasured.
                var warming = Stopwatch.StartNew();
                await RunWaveAsync(server, 2_000_000, run.Warmup, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500), TimeSpan.Zero, cancellationToken);
                Console.WriteLine($"warm-up: {run.Warmup} respondents in {warming.Elapsed.TotalSeconds:F1} s (not measured)");
            }
            var limits = run.Limits ? "Telegram's limits (per chat burst 3 then 1/s, sends and edits together; bulk 30/s, paid 1,000/s), bot at its defaults" : "no limits (capacity run)";
            var think = run.ThinkHigh > run.ThinkLow ? $"{run.ThinkLow.TotalMilliseconds:F0}-{run.ThinkHigh.TotalMilliseconds:F0} ms" : $"{run.ThinkLow.TotalMilliseconds:F0} ms";
            Console.WriteLine($"telegram benchmark ({(run.Webhook ? "webhook" : "polling")}): {run.Count} respondents, think time {think}, {limits}, {(run.Warmup > 0 ? "warm bot" : "cold bot")}, storage {(postgres is null ? "SQLite" : $"PostgreSQL (own server, port {postgres.Port})")}, {(run.Instances > 1 ? $"{run.Instances} instances, " : "")}{Environment.ProcessorCount} cores, load {LoadAverage()}");
            if (run.Broadcast == 0)
            {
                (await MeasureAsync(server, bots, run, 1_000_000, cancellationToken)).Print();
            }
            else
            {
                var without = await MeasureAsync(server, bots, run, 1_000_000, cancellationToken);
                Console.WriteLine("without a broadcast:");
                without.Print();
                await QueueBroadcastAsync(storage.Item1, storage.Item2, run, cancellationToken);
                var with = await MeasureAsync(server, bots, run, 3_000_000, cancellationToken);
                Console.WriteLine($"with a broadcast of {run.Broadcast} invitations{(run.Paid ? " (paid)" : "")} running:");
                with.Print();
                var allowance = run.Paid ? 1000 : 30;
                Console.WriteLine($"  broadcast rate           {with.BulkPerSecond:F1}/s during the wave = {100 * with.BulkPerSecond / allowance:F1}% of the {allowance}/s bulk allowance");
                Console.WriteLine($"  p99 with / without       {with.P99:F1} / {without.P99:F1} ms ({100 * (with.P99 / without.P99 - 1):+0.0;-0.0}%)");
            }
            var peaks = string.Join(" + ", bots.Select(b => string.Format(CultureInfo.InvariantCulture, "{0:F0}", PeakMemory.Megabytes(b.Id.ToString(CultureInfo.InvariantCulture)))));
            Console.WriteLine($"  bot peak RSS             {peaks} MB (whole run{(run.Warmup > 0 ? ", warm-up included" : "")}{(bots.Count > 1 ? ", each instance" : "")})");
            if (postgres is not null) return 0;
            // Each poll that brings updates is one inbox commit, synced to disk unless Telegram__DurableInbox=false.
            var durable = !run.BotEnv.Contains("Telegram__DurableInbox=false", StringComparer.OrdinalIgnoreCase);
            var inboxCost = await InboxCommitCost.MeasureAsync(folder, 200, 10, cancellationToken);
            var received = run.Webhook ? $"{server.WebhookCallCount} webhook calls (calls open at once are stored in one commit)" : $"{server.CallCount("getUpdates")} getUpdates polls";
            Console.WriteLine($"  inbox commits            {received} in the run; {(durable ? "each commit synced to disk (DurableInbox)" : "not synced (DurableInbox=false)")}");
            Console.WriteLine($"  inbox commit cost        {inboxCost.DurableMs:F2} ms synced, {inboxCost.NormalMs:F2} ms not (200 pages of 10 updates on this disk, after the run)");
            return 0;
        }
        finally
        {
            foreach (var each in bots)
            {
                if (!each.HasExited) each.Kill(entireProcessTree: true);
                each.Dispose();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<WaveFigures> MeasureAsync(FakeBotApiServer server, List<Process> bots, Run run, long firstChat, CancellationToken cancellationToken)
    {
        bots.ForEach(b => b.Refresh());
        var before = new WaveCounters(server, bots);
        var harnessBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var pausesBefore = GC.GetTotalPauseDuration();
        // The broadcast's rate is counted from its first bulk message, so its own start-up (a poll, the audience) is not held against it.
        long firstBulk = 0;
        using var watching = new CancellationTokenSource();
        var bulkBefore = server.BulkMessageCount;
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested && server.BulkMessageCount == bulkBefore) await Task.Delay(10, CancellationToken.None);
            firstBulk = Stopwatch.GetTimestamp();
        }, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        var people = await RunWaveAsync(server, firstChat, run.Count, run.ThinkLow, run.ThinkHigh, run.Duration, cancellationToken);
        clock.Stop();
        await watching.CancelAsync();
        await watcher;
        bots.ForEach(b => b.Refresh());
        var after = new WaveCounters(server, bots);
        var bulkSeconds = firstBulk == 0 || server.BulkMessageCount == bulkBefore ? clock.Elapsed.TotalSeconds : Stopwatch.GetElapsedTime(firstBulk).TotalSeconds;
        return new WaveFigures(people, clock.Elapsed, before, after, bulkSeconds, Closing)
        {
            HarnessCpu = Process.GetCurrentProcess().TotalProcessorTime - harnessBefore,
            HarnessPauses = GC.GetTotalPauseDuration() - pausesBefore,
        };
    }

    /// <summary>
    /// Adds <see cref="Run.Broadcast"/> contacts who never started the flow and a running broadcast to them, as the
    /// <c>broadcast --audience new --confirm</c> verb queues it; the running bot picks it up within a second.
    /// </summary>
    private static async Task QueueBroadcastAsync(StorageProvider provider, string connectionString, Run run, CancellationToken cancellationToken)
    {
        var databases = new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<SurveyDbContext>(SurveyDatabase.Options(provider, connectionString));
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = DateTime.UtcNow;
        db.Contacts.AddRange(Enumerable.Range(0, run.Broadcast).Select(i => new ContactRecord { ChatId = 5_000_000 + i, State = ContactRecord.Active, FirstSeenAt = now, LastSeenAt = now }));
        db.Invitations.Add(new InvitationRecord { Token = "benchwave", FlowId = "citizen", Source = "broadcast", CreatedAt = now, ExpiresAt = now.AddDays(1) });
        db.Broadcasts.Add(new BroadcastRecord
        {
            FlowId = "citizen",
            Audience = BroadcastAudience.New,
            Text = "설문 초대 (benchmark)",
            StartParameter = "benchwave",
            Status = BroadcastRecord.Running,
            Paid = run.Paid,
            CreatedAt = now,
            StartedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// <paramref name="count"/> simulated people (chat ids from <paramref name="firstChat"/>) take the flow at once; their
    /// starts are spread over one think time, as people do not all press at the same instant.
    /// </summary>
    private static async Task<List<SimulatedRespondent>> RunWaveAsync(FakeBotApiServer server, long firstChat, int count, TimeSpan low, TimeSpan high, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (duration > TimeSpan.Zero) stop.CancelAfter(duration);
        var people = Enumerable.Range(0, count)
            .Select(i => new SimulatedRespondent(server, firstChat + i, seed: i, m => m.Text.Contains(Closing))
            {
                ThinkTime = low,
                MaxThinkTime = high,
                // Someone waiting this long for the next question gives up; the wave counts them as not served.
                Patience = TimeSpan.FromSeconds(60),
                Deadline = duration > TimeSpan.Zero ? duration + TimeSpan.FromMinutes(1) : TimeSpan.FromMinutes(30),
            })
            .ToList();
        var stagger = new Random(1);
        var token = stop.Token;
        await Task.WhenAll(people.Select(person => Task.Run(async () =>
        {
            try
            {
                await Task.Delay(stagger.Next((int)high.TotalMilliseconds + 1), token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            await person.RunAsync(token);
        }, CancellationToken.None)));
        return people;
    }

    /// <summary>
    /// The SurveyBot program built beside this benchmark (same configuration), as a child process: at its defaults with
    /// <paramref name="limits"/>, its pacing lifted without; <paramref name="settings"/> are set before
    /// <paramref name="botEnv"/>, so a KEY=VALUE given on the command line wins.
    /// </summary>
    internal static Process StartBot(FakeBotApiServer server, string database, bool limits, string[] botEnv, IReadOnlyDictionary<string, string>? settings = null)
    {
        var own = AppContext.BaseDirectory.Replace(Path.Combine("bench", "SurveyBot.Bench", "bin"), Path.Combine("src", "SurveyBot", "bin"), StringComparison.Ordinal);
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardInput = true, WorkingDirectory = Path.GetDirectoryName(database)! };
        info.ArgumentList.Add(Path.Combine(File.Exists(Path.Combine(own, "SurveyBot.dll")) ? own : AppContext.BaseDirectory, "SurveyBot.dll"));
        info.Environment["Telegram__BotToken"] = server.Token;
        info.Environment["Telegram__ApiBaseUrl"] = server.BaseUrl;
        if (!limits)
        {
            info.Environment["Telegram__GlobalMessagesPerSecond"] = "0";
            info.Environment["Telegram__PerChatMessagesPerSecond"] = "0";
        }
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

    /// <summary>
    /// Webhook mode on a free loopback port: the loopback server posts to the bot as Telegram would (no proxy, plain
    /// http). Returns the instance's webhook URL.
    /// </summary>
    private static string WebhookSettings(Dictionary<string, string> settings)
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        settings["Telegram__Mode"] = "webhook";
        settings["Telegram__WebhookUrl"] = $"http://127.0.0.1:{port}/telegram";
        settings["Telegram__WebhookSecret"] = "bench-secret";
        settings["Telegram__WebhookListen"] = $"http://127.0.0.1:{port}";
        return settings["Telegram__WebhookUrl"];
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
