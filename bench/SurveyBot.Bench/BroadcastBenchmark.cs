using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SurveyBot.FakeBotApi;
using SurveyBot.Hosting;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Bench;

/// <summary>
/// A broadcast to N contacts through the real bot (its broadcast sender, SQLite, the Telegram.Bot client) against the
/// loopback Bot API enforcing a send limit with 429s. Prints the achieved rate between the first and the last accepted
/// message, and how many 429s the server gave.
/// </summary>
public static class BroadcastBenchmark
{
    public static Command Command()
    {
        var recipients = new Option<int>("--recipients") { DefaultValueFactory = _ => 10_000, Description = "active contacts to broadcast to" };
        var limit = new Option<int>("--limit") { DefaultValueFactory = _ => 30, Description = "messages/s the server accepts (429 beyond) and the bot's broadcast rate" };
        var paid = new Option<bool>("--paid") { Description = "paid broadcasts (allow_paid_broadcast; rate up to 1,000/s)" };
        var concurrency = new Option<int>("--concurrency") { DefaultValueFactory = _ => 8, Description = "broadcast calls in flight" };
        var command = new Command("broadcast", "A broadcast through the bot against the loopback Bot API at a send limit") { recipients, limit, paid, concurrency };
        command.SetAction(async (result, cancellationToken) =>
        {
            await RunAsync(result.GetValue(recipients), result.GetValue(limit), result.GetValue(paid), result.GetValue(concurrency), cancellationToken);
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(int recipients, int limit, bool paid, int concurrency, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("surveybot-bench-").FullName;
        var connectionString = $"Data Source={Path.Combine(folder, "bench.db")}";
        await SurveyDatabase.MigrateAsync(connectionString, cancellationToken);
        var databases = new PooledDbContextFactory<SurveyDbContext>(SurveyDatabase.Options(connectionString));
        var now = DateTime.UtcNow;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            db.Contacts.AddRange(Enumerable.Range(0, recipients).Select(i => new ContactRecord { ChatId = 1_000_000 + i, State = ContactRecord.Active, FirstSeenAt = now, LastSeenAt = now }));
            db.Invitations.Add(new InvitationRecord { Token = "bench", FlowId = "citizen", Source = "broadcast", CreatedAt = now, ExpiresAt = now.AddDays(1) });
            db.Broadcasts.Add(new BroadcastRecord
            {
                FlowId = "citizen",
                Audience = BroadcastAudience.All,
                Text = "설문 초대 (benchmark)",
                StartParameter = "bench",
                Status = BroadcastRecord.Running,
                Paid = paid,
                CreatedAt = now,
                StartedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        await using var server = await FakeBotApiServer.StartAsync(new FakeBotApiOptions
        {
            GlobalRateLimitPerSecond = limit,
            RecordRequestBodies = false,
            MaxRecordedCalls = recipients * 2 + 1000,
        });
        var rateKey = paid ? "Broadcast:PaidMessagesPerSecond" : "Broadcast:MessagesPerSecond";
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = server.Token,
            ["Telegram:ApiBaseUrl"] = server.BaseUrl,
            ["Telegram:PollTimeoutSeconds"] = "5",
            ["Broadcast:PaidBroadcasts"] = paid ? "true" : "false",
            [rateKey] = limit.ToString(CultureInfo.InvariantCulture),
            ["Broadcast:Concurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
            ["ConnectionStrings:SurveyBot"] = connectionString,
        };
        using var host = SurveyBotHost.BuildRunner([], new ConsoleRespondent(0, null), settings, builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        var wall = Stopwatch.StartNew();
        await host.StartAsync(cancellationToken);
        while (true)
        {
            await Task.Delay(500, cancellationToken);
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            if (await db.Broadcasts.AsNoTracking().AnyAsync(b => b.Status == BroadcastRecord.Completed, cancellationToken)) break;
        }
        wall.Stop();
        await host.StopAsync(cancellationToken);

        var accepted = server.Calls.Where(c => c.Method == "sendMessage" && c.StatusCode == 200).Select(c => c.TimestampUtc).Order().ToList();
        var span = (accepted[^1] - accepted[0]).TotalSeconds;
        var rate = (accepted.Count - 1) / span;
        // Telegram (and the server) count messages per one-second window, so over a span that is not a whole number of
        // seconds the average can read above the limit; over whole seconds from the first message it cannot.
        var wholeSeconds = Math.Max(1, (int)Math.Floor(span));
        var steady = accepted.Count(t => t < accepted[0].AddSeconds(wholeSeconds)) / (double)wholeSeconds;
        var busiest = 0;
        for (int start = 0, end = 0; start < accepted.Count; start++)
        {
            while (end < accepted.Count && accepted[end] - accepted[start] < TimeSpan.FromSeconds(1)) end++;
            busiest = Math.Max(busiest, end - start);
        }
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            var sent = await db.Deliveries.CountAsync(d => d.Status == DeliveryRecord.Sent, cancellationToken);
            Console.WriteLine($"broadcast benchmark: {recipients} recipients, server limit {limit}/s, {(paid ? "paid" : "free")} mode, concurrency {concurrency}, {Environment.ProcessorCount} cores");
            Console.WriteLine($"  delivered (sent rows)  {sent}");
            Console.WriteLine($"  accepted sendMessage   {accepted.Count} ({accepted.Count - sent} repeated)");
            Console.WriteLine($"  first->last accepted   {span:F1} s (wall, start to completed: {wall.Elapsed.TotalSeconds:F1} s)");
            Console.WriteLine($"  achieved rate          {rate:F1} messages/s first->last ({rate / limit * 100:F1}% of the limit)");
            Console.WriteLine($"  rate, whole seconds    {steady:F1} messages/s over the first {wholeSeconds} s ({steady / limit * 100:F1}% of the limit)");
            Console.WriteLine($"  busiest 1 s window     {busiest} messages");
            Console.WriteLine($"  429 answers            {server.TooManyRequestsCount}");
            Console.WriteLine($"  peak RSS               {PeakMemory.Megabytes():F0} MB");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
