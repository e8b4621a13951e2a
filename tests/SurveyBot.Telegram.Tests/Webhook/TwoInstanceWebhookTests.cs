using Microsoft.EntityFrameworkCore;
using SurveyBot.FakeBotApi;
using SurveyBot.FakeBotApi.Respondents;
using SurveyBot.Telegram.Tests.Postgres;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;
using SurveyBot.Testing.Postgres;
using Xunit.Abstractions;

namespace SurveyBot.Telegram.Tests.Webhook;

/// <summary>
/// Several instances behind a load balancer: the loopback Bot API spreads its webhook calls round-robin over their
/// addresses, as a proxy in front of them would.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TwoInstanceWebhookTests(PostgresFixture fixture, ITestOutputHelper output)
{
    private const string Closing = "지금까지 응답해주셔서 진심으로 감사드립니다";

    /// <summary>
    /// The PostgreSQL database two instances share: a connection string of an empty database in this variable, or else a
    /// fresh database on the server the tests start themselves (on SQLite two processes must not share one file).
    /// </summary>
    public const string PostgresVariable = "SURVEYBOT_TEST_POSTGRES";

    [Fact]
    public async Task Calls_the_balancer_sends_to_an_instance_that_is_down_are_retried_until_the_live_one_takes_them()
    {
        await using var server = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { WebhookRetryDelay = TimeSpan.FromMilliseconds(50) });
        using var database = new TestDatabase();
        using var bot = WebhookBot.Start(server, database.Folder, database.ConnectionString);
        await bot.WaitUntilRegisteredAsync();
        var down = $"http://127.0.0.1:{WebhookBot.FreePort()}{WebhookBot.UpdatePath}";
        server.SpreadWebhookOver(bot.Url, down);
        var respondents = Enumerable.Range(0, 5)
            .Select(i => new SimulatedRespondent(server, 82_000 + i, seed: 40 + i, m => m.Text.Contains(Closing)) { Deadline = TimeSpan.FromMinutes(4) })
            .ToList();

        try
        {
            await Task.WhenAll(respondents.Select(r => Task.Run(() => r.RunAsync())));
        }
        finally
        {
            output.WriteLine(bot.Process.Output);
        }

        await using var db = database.Open();
        await InputReplay.AssertStoredExactlyAsync(db, respondents);
        var calls = server.WebhookCalls;
        Assert.Contains(calls, c => c.Url == down && c.StatusCode == 0);
        Assert.All(calls.Where(c => c.StatusCode == 200), c => Assert.Equal(bot.Url, c.Url));
        Assert.Equal(respondents.Sum(r => r.Sent.Count), calls.Count(c => c.StatusCode == 200));
    }

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task Two_instances_behind_a_round_robin_balancer_share_fifty_interviews_and_a_kill_loses_nothing()
    {
        var connectionString = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } given ? given : fixture.Server.CreateDatabase();

        await using var server = await FakeBotApiServer.StartAsync();
        var shared = new Dictionary<string, string> { ["Storage__Provider"] = "postgres" };
        var folder = Directory.CreateTempSubdirectory("surveybot-two-").FullName;
        using var first = WebhookBot.Start(server, folder, connectionString, shared);
        await first.WaitUntilRegisteredAsync();
        using var second = WebhookBot.Start(server, folder, connectionString, shared);
        await second.WaitUntilRegisteredAsync();
        server.SpreadWebhookOver(first.Url, second.Url);
        var respondents = Enumerable.Range(0, 50)
            .Select(i => new SimulatedRespondent(server, 83_000 + i, seed: i, m => m.Text.Contains(Closing))
            {
                ThinkTime = TimeSpan.FromMilliseconds(60),
                Patience = TimeSpan.FromSeconds(3),
                Deadline = TimeSpan.FromMinutes(4),
            })
            .ToList();

        var interviews = Task.WhenAll(respondents.Select(r => Task.Run(() => r.RunAsync())));
        var random = new Random(17);
        var kills = 0;
        try
        {
            // kill -9 one of the two at random moments; the balancer's calls to it fail and are retried, the other goes on.
            while (kills < 10 && !interviews.IsCompleted)
            {
                await Task.Delay(random.Next(500, 2500));
                (random.Next(2) == 0 ? first : second).Restart();
                kills++;
            }
            await interviews.WaitAsync(TimeSpan.FromMinutes(6));
        }
        finally
        {
            output.WriteLine(first.Process.Output);
            output.WriteLine(second.Process.Output);
        }

        var calls = server.WebhookCalls.Where(c => c.StatusCode == 200).ToList();
        Assert.Contains(calls, c => c.Url == first.Url);
        Assert.Contains(calls, c => c.Url == second.Url);
        await using var db = new PostgresTestDatabase(fixture, connectionString).Open();
        await InputReplay.AssertStoredExactlyAsync(db, respondents);
        Assert.Equal(respondents.Sum(r => r.Sent.Count), await db.Inbox.CountAsync());
    }
}
