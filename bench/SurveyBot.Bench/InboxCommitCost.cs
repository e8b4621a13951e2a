using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Bench;

/// <summary>
/// What the inbox's sync to disk costs on this machine's disk: pages of updates committed through the
/// bot's own inbox store to a SQLite file beside the benchmark's, synced (synchronous=FULL, the default)
/// and not (NORMAL, <c>Telegram__DurableInbox=false</c>).
/// </summary>
public static class InboxCommitCost
{
    public static async Task<(double DurableMs, double NormalMs)> MeasureAsync(string folder, int commits, int pageSize, CancellationToken cancellationToken)
    {
        var connectionString = $"Data Source={Path.Combine(folder, "inbox-probe.db")}";
        await SurveyDatabase.MigrateAsync(connectionString, cancellationToken);
        var databases = new PooledDbContextFactory<SurveyDbContext>(SurveyDatabase.Options(connectionString));
        long next = 1;
        async Task<double> RunAsync(bool durable)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < commits; i++)
            {
                var page = Enumerable.Range(0, pageSize).Select(_ => new InboxRecord
                {
                    UpdateId = next++,
                    ChatId = 1,
                    PayloadJson = """{"update_id":1,"message":{"text":"3"}}""",
                    ReceivedAt = DateTime.UtcNow,
                }).ToList();
                await using var db = await databases.CreateDbContextAsync(cancellationToken);
                await new InboxStore(db).AppendAsync(page, cancellationToken, durable);
            }
            return clock.Elapsed.TotalMilliseconds / commits;
        }
        await RunAsync(durable: false);
        var normal = await RunAsync(durable: false);
        var full = await RunAsync(durable: true);
        return (full, normal);
    }
}
