using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;
using SurveyBot.Supervision;
using Telegram.Bot;

namespace SurveyBot.Operations;

/// <summary>
/// Checks a SurveyBot installation without changing it: the database (readable, every migration applied), the Bot
/// API (getMe answers, when a token is configured) and the backlogs (outbox rows still to send, inbox updates still
/// to handle, and how old the oldest of each is). It never migrates and never creates the database file, so it can
/// run beside the bot or against a stopped installation. Every error text goes through the <see cref="TokenRedactor"/>.
/// </summary>
public sealed class HealthCheck(StorageProvider provider, string connectionString, ITelegramBotClient? bot, string? apiBaseUrl, TokenRedactor redactor, TimeProvider clock)
{
    public HealthCheck(string connectionString, ITelegramBotClient? bot, string? apiBaseUrl, TokenRedactor redactor, TimeProvider clock)
        : this(StorageProvider.Sqlite, connectionString, bot, apiBaseUrl, redactor, clock)
    {
    }

    public const string DatabaseArea = "database";
    public const string BotApiArea = "bot api";
    public const string OutboxArea = "outbox";
    public const string InboxArea = "inbox";

    /// <param name="maxBacklogAge">A pending outbox row or unhandled inbox update older than this makes the report unhealthy.</param>
    /// <param name="botApiTimeout">How long getMe may take.</param>
    public async Task<HealthReport> RunAsync(TimeSpan maxBacklogAge, TimeSpan botApiTimeout, CancellationToken cancellationToken = default)
    {
        var lines = new List<HealthLine>();
        var databaseReadable = await CheckDatabaseAsync(lines, cancellationToken);
        if (databaseReadable) await CheckBacklogsAsync(lines, maxBacklogAge, cancellationToken);
        lines.Add(await CheckBotApiAsync(botApiTimeout, cancellationToken));
        return new HealthReport(lines);
    }

    private async Task<bool> CheckDatabaseAsync(List<HealthLine> lines, CancellationToken cancellationToken)
    {
        if (provider == StorageProvider.Postgres) return await CheckServerAsync(lines, cancellationToken);
        var path = Path.GetFullPath(SurveyDatabase.DataSource(connectionString));
        if (!File.Exists(path))
        {
            lines.Add(new HealthLine(DatabaseArea, false, $"no database file at {path} (the bot creates it when it first starts)"));
            return false;
        }

        try
        {
            await using var db = Open();
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            var size = new FileInfo(path).Length;
            lines.Add(pending == 0
                ? new HealthLine(DatabaseArea, true, $"{path}, {size} bytes, {applied} migrations applied, 0 pending")
                : new HealthLine(DatabaseArea, false, $"{path}: {pending} migrations pending ({applied} applied); the bot applies them when it starts"));
            return true;
        }
        catch (Exception ex) when ((ex is SqliteException or InvalidOperationException) && !cancellationToken.IsCancellationRequested)
        {
            lines.Add(new HealthLine(DatabaseArea, false, $"{path} is unreadable: {redactor.Describe(ex)}"));
            return false;
        }
    }

    private async Task CheckBacklogsAsync(List<HealthLine> lines, TimeSpan maxBacklogAge, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            await using var db = Open();
            var outbox = db.Outbox.AsNoTracking();
            var pending = outbox.Where(o => o.Status == OutboxRecord.Pending);
            var pendingCount = await pending.CountAsync(cancellationToken);
            var oldestPending = await pending.OrderBy(o => o.CreatedAt).Select(o => (DateTime?)o.CreatedAt).FirstOrDefaultAsync(cancellationToken);
            var failed = await outbox.CountAsync(o => o.Status == OutboxRecord.Failed, cancellationToken);
            lines.Add(Backlog(OutboxArea, $"{pendingCount} pending", oldestPending, now, maxBacklogAge, $"{failed} failed (given up after retries)"));

            var unhandled = db.Inbox.AsNoTracking().Where(i => i.ProcessedAt == null);
            var unhandledCount = await unhandled.CountAsync(cancellationToken);
            var oldestUnhandled = await unhandled.OrderBy(i => i.ReceivedAt).Select(i => (DateTime?)i.ReceivedAt).FirstOrDefaultAsync(cancellationToken);
            var setAside = await db.Inbox.AsNoTracking().CountAsync(i => i.Error != null, cancellationToken);
            lines.Add(Backlog(InboxArea, $"{unhandledCount} not yet handled", oldestUnhandled, now, maxBacklogAge, setAside == 0 ? "0 set aside after an error" : $"{setAside} set aside after an error (see: set-aside list)"));
        }
        catch (Exception ex) when ((ex is SqliteException or Npgsql.NpgsqlException) && !cancellationToken.IsCancellationRequested)
        {
            lines.Add(new HealthLine(OutboxArea, false, $"the backlog could not be read: {redactor.Describe(ex)}"));
        }
    }

    private static HealthLine Backlog(string area, string count, DateTime? oldest, DateTime now, TimeSpan maxAge, string also)
    {
        if (oldest is null) return new HealthLine(area, true, $"{count}; {also}");
        var age = now - DateTime.SpecifyKind(oldest.Value, DateTimeKind.Utc);
        if (age < TimeSpan.Zero) age = TimeSpan.Zero;
        var text = $"{count}, oldest {Describe(age)} old (limit {Describe(maxAge)}); {also}";
        return new HealthLine(area, age <= maxAge, text);
    }

    private async Task<HealthLine> CheckBotApiAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (bot is null) return new HealthLine(BotApiArea, true, "skipped: no Telegram__BotToken configured (the bot runs in the terminal)");
        var where = string.IsNullOrWhiteSpace(apiBaseUrl) ? "the public Bot API" : redactor.Redact(apiBaseUrl);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            var me = await bot.GetMe(deadline.Token);
            return new HealthLine(BotApiArea, true, $"getMe answered in {watch.ElapsedMilliseconds} ms from {where}: @{me.Username} (id {me.Id})");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var why = deadline.IsCancellationRequested ? $"no answer within {Describe(timeout)}" : redactor.Describe(ex);
            return new HealthLine(BotApiArea, false, $"getMe failed at {where}: {why}");
        }
    }

    /// <summary>The PostgreSQL line: the server answers and every migration is applied (a database the bot never migrated has all pending).</summary>
    private async Task<bool> CheckServerAsync(List<HealthLine> lines, CancellationToken cancellationToken)
    {
        var where = SurveyDatabase.Describe(provider, connectionString);
        try
        {
            await using var db = Open();
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            lines.Add(pending == 0
                ? new HealthLine(DatabaseArea, true, $"{where}, {applied} migrations applied, 0 pending")
                : new HealthLine(DatabaseArea, false, $"{where}: {pending} migrations pending ({applied} applied); the bot applies them when it starts"));
            return pending == 0;
        }
        catch (Exception ex) when ((ex is Npgsql.NpgsqlException or InvalidOperationException) && !cancellationToken.IsCancellationRequested)
        {
            lines.Add(new HealthLine(DatabaseArea, false, $"{where} is unreachable: {redactor.Describe(ex)}"));
            return false;
        }
    }

    private SurveyDbContext Open()
    {
        if (provider == StorageProvider.Postgres) return new SurveyDbContext(SurveyDatabase.Options(provider, connectionString));
        // ReadWrite without Create: a health check never brings an empty database into being.
        var readWrite = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite };
        return new SurveyDbContext(SurveyDatabase.Options(readWrite.ToString()));
    }

    private static string Describe(TimeSpan span) =>
        span.TotalSeconds < 120 ? $"{span.TotalSeconds:0} s" : span.TotalMinutes < 120 ? $"{span.TotalMinutes:0} min" : $"{span.TotalHours:0.#} h";
}
