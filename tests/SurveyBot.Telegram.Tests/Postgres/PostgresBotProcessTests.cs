using Microsoft.EntityFrameworkCore;
using SurveyBot.FakeBotApi;
using SurveyBot.FakeBotApi.Respondents;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;
using SurveyBot.Testing.Postgres;
using Xunit.Abstractions;

namespace SurveyBot.Telegram.Tests.Postgres;

/// <summary>
/// The real program with <c>Storage__Provider=postgres</c> against the loopback Bot API: it migrates a fresh database
/// itself, interviews respondents in Telegram, survives kill -9 without losing or doubling an answer, and its
/// command line reads the results back from the server.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresBotProcessTests(PostgresFixture fixture, ITestOutputHelper output) : IDisposable
{
    private const string Closing = "지금까지 응답해주셔서 진심으로 감사드립니다";
    private readonly string _folder = Directory.CreateTempSubdirectory("surveybot-pg-bot-").FullName;

    private Dictionary<string, string> Environment(FakeBotApiServer server, string connectionString) => new()
    {
        ["Telegram__BotToken"] = server.Token,
        ["Telegram__ApiBaseUrl"] = server.BaseUrl,
        ["Telegram__PollTimeoutSeconds"] = "1",
        ["Telegram__GlobalMessagesPerSecond"] = "0",
        ["Telegram__PerChatMessagesPerSecond"] = "0",
        ["Telegram__RetryBaseDelayMilliseconds"] = "100",
        ["Storage__Provider"] = "postgres",
        ["ConnectionStrings__SurveyBot"] = connectionString,
        ["Logging__LogLevel__Default"] = "Warning",
    };

    private static List<SimulatedRespondent> Respondents(FakeBotApiServer server, int count, long firstChat) =>
        Enumerable.Range(0, count)
            .Select(i => new SimulatedRespondent(server, firstChat + i, seed: i, m => m.Text.Contains(Closing))
            {
                ThinkTime = TimeSpan.FromMilliseconds(60),
                Patience = TimeSpan.FromSeconds(3),
                Deadline = TimeSpan.FromMinutes(3),
            })
            .ToList();

    [Fact]
    public async Task Interviews_on_postgres_store_exactly_what_was_answered_and_export_reads_them_back()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var connectionString = fixture.Server.CreateDatabase();
        var environment = Environment(server, connectionString);
        var respondents = Respondents(server, 5, 81_000);

        using (var bot = BotProcess.Start(_folder, environment))
        {
            try
            {
                await Task.WhenAll(respondents.Select(r => Task.Run(() => r.RunAsync()))).WaitAsync(TimeSpan.FromMinutes(4));
            }
            finally
            {
                output.WriteLine(bot.Output);
            }
        }

        var database = new PostgresTestDatabase(fixture, connectionString);
        await using (var db = database.Open()) await InputReplay.AssertStoredExactlyAsync(db, respondents);
        Assert.False(File.Exists(Path.Combine(_folder, "data", "surveybot.db")), "the bot wrote a SQLite file although PostgreSQL was configured");

        var csv = Path.Combine(_folder, "citizen.csv");
        using var export = BotProcess.Start(_folder, environment, "export", "--flow", "citizen", "--format", "csv", "--out", csv);
        Assert.Equal(0, await export.WaitForExitAsync(TimeSpan.FromMinutes(2)));
        var rows = CsvText.Parse(await File.ReadAllBytesAsync(csv));
        Assert.Equal(respondents.Count, rows.Count - 1);
        var status = Array.IndexOf(rows[0], "status");
        Assert.All(rows.Skip(1), row => Assert.Equal("completed", row[status]));
    }

    [Fact]
    public async Task Kills_during_fifty_interviews_on_postgres_lose_nothing_and_record_nothing_twice()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var connectionString = fixture.Server.CreateDatabase();
        var environment = Environment(server, connectionString);
        var respondents = Respondents(server, 50, 82_000);

        var bot = BotProcess.Start(_folder, environment);
        var interviews = Task.WhenAll(respondents.Select(r => Task.Run(() => r.RunAsync())));
        var random = new Random(17);
        var kills = 0;
        try
        {
            while (kills < 10 && !interviews.IsCompleted)
            {
                await Task.Delay(random.Next(600, 2500));
                bot.Kill();
                bot.Dispose();
                kills++;
                bot = BotProcess.Start(_folder, environment);
            }
            await interviews.WaitAsync(TimeSpan.FromMinutes(6));
        }
        finally
        {
            output.WriteLine(bot.Output);
            bot.Dispose();
        }

        output.WriteLine($"{kills} kills, {respondents.Sum(r => r.Sent.Count)} inputs");
        Assert.Equal(10, kills);
        var database = new PostgresTestDatabase(fixture, connectionString);
        await using var db = database.Open();
        await InputReplay.AssertStoredExactlyAsync(db, respondents);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
