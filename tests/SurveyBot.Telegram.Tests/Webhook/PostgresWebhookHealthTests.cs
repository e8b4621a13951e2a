using System.Net;
using System.Text.Json;
using SurveyBot.FakeBotApi;
using SurveyBot.Telegram.Tests.Postgres;
using SurveyBot.Testing.Postgres;

namespace SurveyBot.Telegram.Tests.Webhook;

/// <summary>The load balancer's probe of an instance on PostgreSQL: healthy without any SQLite file, unhealthy once the server is unreachable.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresWebhookHealthTests(PostgresFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("surveybot-pg-health-").FullName;

    [Fact]
    public async Task The_health_endpoint_reports_the_postgres_database_and_answers_200()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var connectionString = fixture.Server.CreateDatabase();
        using var bot = WebhookBot.Start(server, _folder, connectionString, new Dictionary<string, string> { ["Storage__Provider"] = "postgres" });
        await bot.WaitUntilRegisteredAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        using var response = await http.GetAsync(new Uri(bot.HealthUrl));
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(report.GetProperty("healthy").GetBoolean(), report.ToString());
        var database = report.GetProperty("checks").EnumerateArray().First(c => c.GetProperty("area").GetString() == "database");
        Assert.Contains("0 pending", database.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("surveybot.db", database.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "data", "surveybot.db")), "the health probe created a SQLite file although PostgreSQL was configured");
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
