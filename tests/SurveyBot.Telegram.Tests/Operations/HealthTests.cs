using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SurveyBot.Cli;
using SurveyBot.FakeBotApi;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Operations;

/// <summary>The <c>health</c> verb as an operator (or a container's HEALTHCHECK) runs it: the printed report and the exit code.</summary>
public sealed class HealthTests : IDisposable
{
    // Looks like a real token, so a leak would be seen; the loopback server accepts any token.
    private const string Token = "000000:FAKE-health-check-token";
    private const string TokenSecret = "FAKE-health-check-token";

    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly TestDatabase _database = new();

    private Dictionary<string, string?> Settings(FakeBotApiServer? server) => new()
    {
        ["ConnectionStrings:SurveyBot"] = _database.ConnectionString,
        ["Telegram:BotToken"] = server is null ? "" : Token,
        ["Telegram:ApiBaseUrl"] = server?.BaseUrl ?? "",
    };

    private async Task<(int ExitCode, string Output)> RunAsync(FakeBotApiServer? server)
    {
        using var output = new StringWriter();
        var exitCode = await HealthVerb.RunAsync(Settings(server), output, MaxAge, Timeout, CancellationToken.None);
        return (exitCode, output.ToString());
    }

    [Fact]
    public async Task Against_a_working_Bot_API_it_reports_healthy_with_the_backlog_numbers_and_exits_0()
    {
        await using var server = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { Token = Token });
        var now = DateTime.UtcNow;
        await StageAsync(
            outbox: [(OutboxRecord.Pending, now.AddSeconds(-90)), (OutboxRecord.Pending, now.AddSeconds(-5)), (OutboxRecord.Sent, now.AddHours(-3)), (OutboxRecord.Failed, now.AddHours(-2))],
            inbox: [(null, now.AddSeconds(-30)), (now, now.AddHours(-1))]);

        var (exitCode, output) = await RunAsync(server);

        Assert.Equal(0, exitCode);
        Assert.Contains("ok   database:", output);
        Assert.Contains("0 pending", output);
        Assert.Contains("ok   outbox: 2 pending, oldest 90 s old (limit 10 min); 1 failed", output);
        Assert.Contains("ok   inbox: 1 not yet handled, oldest 30 s old", output);
        Assert.Contains($"ok   bot api: getMe answered", output);
        Assert.Contains($"@{FakeBotApiServer.BotUsername}", output);
        Assert.EndsWith("healthy" + Environment.NewLine, output);
        Assert.Equal(1, server.CallCount("getMe"));
        Assert.DoesNotContain(TokenSecret, output);
    }

    [Fact]
    public async Task A_pending_outbox_row_older_than_the_limit_makes_it_unhealthy()
    {
        await using var server = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { Token = Token });
        await StageAsync(outbox: [(OutboxRecord.Pending, DateTime.UtcNow.AddMinutes(-25))], inbox: []);

        var (exitCode, output) = await RunAsync(server);

        Assert.Equal(1, exitCode);
        Assert.Contains("FAIL outbox: 1 pending, oldest 25 min old (limit 10 min)", output);
        Assert.Contains("ok   bot api:", output);
        Assert.EndsWith("UNHEALTHY" + Environment.NewLine, output);
    }

    [Fact]
    public async Task When_getMe_fails_with_500_it_reports_the_Bot_API_unhealthy_without_the_token()
    {
        await using var server = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { Token = Token });
        server.FailNext("getMe", 1, 500, description: $"Internal Server Error near bot{Token}/getMe");

        var (exitCode, output) = await RunAsync(server);

        Assert.Equal(1, exitCode);
        Assert.Contains("FAIL bot api: getMe failed", output);
        Assert.Contains("Internal Server Error", output);
        Assert.Contains("ok   database:", output);
        Assert.DoesNotContain(TokenSecret, output);
        Assert.EndsWith("UNHEALTHY" + Environment.NewLine, output);
    }

    [Fact]
    public async Task When_getMe_does_not_answer_within_the_timeout_it_reports_the_Bot_API_unhealthy()
    {
        await using var server = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { Token = Token });
        server.DelayNext("getMe", 1, TimeSpan.FromSeconds(15));
        using var output = new StringWriter();

        var exitCode = await HealthVerb.RunAsync(Settings(server), output, MaxAge, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(1, exitCode);
        Assert.Contains("FAIL bot api: getMe failed", output.ToString());
        Assert.Contains("no answer within 1 s", output.ToString());
    }

    [Fact]
    public async Task A_database_with_a_pending_migration_is_unhealthy_and_the_check_applies_nothing()
    {
        var folder = Path.Combine(_database.Folder, "old");
        Directory.CreateDirectory(folder);
        var connectionString = $"Data Source={Path.Combine(folder, "surveybot.db")}";
        await using (var old = new SurveyDbContext(SurveyDatabase.Options(connectionString)))
            await old.GetService<IMigrator>().MigrateAsync(old.Database.GetMigrations().First());
        var settings = Settings(null);
        settings["ConnectionStrings:SurveyBot"] = connectionString;
        using var output = new StringWriter();

        Assert.Equal(1, await HealthVerb.RunAsync(settings, output, MaxAge, Timeout, CancellationToken.None));
        await using var check = new SurveyDbContext(SurveyDatabase.Options(connectionString));
        var stillPending = (await check.Database.GetPendingMigrationsAsync()).Count();
        Assert.True(stillPending > 0);
        Assert.Contains($"FAIL database:", output.ToString());
        Assert.Contains($"{stillPending} migrations pending", output.ToString());
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_reported_unreadable()
    {
        var garbage = Path.Combine(_database.Folder, "garbage.db");
        await File.WriteAllTextAsync(garbage, new string('x', 4096));
        var settings = Settings(null);
        settings["ConnectionStrings:SurveyBot"] = $"Data Source={garbage}";
        using var output = new StringWriter();

        Assert.Equal(1, await HealthVerb.RunAsync(settings, output, MaxAge, Timeout, CancellationToken.None));
        Assert.Contains($"FAIL database: {garbage} is unreadable", output.ToString());
    }

    [Fact]
    public async Task With_no_token_the_Bot_API_check_is_skipped_with_a_note()
    {
        var (exitCode, output) = await RunAsync(null);

        Assert.Equal(0, exitCode);
        Assert.Contains("ok   bot api: skipped: no Telegram__BotToken configured", output);
    }

    [Fact]
    public async Task A_missing_database_file_is_unhealthy_and_is_not_created()
    {
        var missing = Path.Combine(_database.Folder, "elsewhere", "surveybot.db");
        var settings = Settings(null);
        settings["ConnectionStrings:SurveyBot"] = $"Data Source={missing}";
        using var output = new StringWriter();

        Assert.Equal(1, await HealthVerb.RunAsync(settings, output, MaxAge, Timeout, CancellationToken.None));
        Assert.Contains($"FAIL database: no database file at {missing}", output.ToString());
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task The_health_verb_exits_1_when_the_Bot_API_server_is_stopped_and_never_prints_the_token()
    {
        var server = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { Token = Token });
        var baseUrl = server.BaseUrl;
        await server.DisposeAsync();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__SurveyBot"] = _database.ConnectionString,
            ["Telegram__BotToken"] = Token,
            ["Telegram__ApiBaseUrl"] = baseUrl,
        };

        using var health = BotProcess.Start(_database.Folder, environment, "health", "--timeout", "5");
        Assert.Equal(1, await health.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("FAIL bot api: getMe failed", health.Output);
        Assert.Contains("ok   database:", health.Output);
        Assert.Contains("UNHEALTHY", health.Output);
        Assert.DoesNotContain(TokenSecret, health.Output);
    }

    private async Task StageAsync(IReadOnlyList<(string Status, DateTime CreatedAt)> outbox, IReadOnlyList<(DateTime? ProcessedAt, DateTime ReceivedAt)> inbox)
    {
        await using var db = _database.Open();
        foreach (var (status, createdAt) in outbox)
            db.Outbox.Add(new OutboxRecord { ChatId = 42, PayloadJson = "{}", Status = status, CreatedAt = createdAt });
        var updateId = 1;
        foreach (var (processedAt, receivedAt) in inbox)
            db.Inbox.Add(new InboxRecord { UpdateId = updateId++, ChatId = 42, PayloadJson = "{}", ReceivedAt = receivedAt, ProcessedAt = processedAt });
        await db.SaveChangesAsync();
    }

    public void Dispose() => _database.Dispose();
}
