using System.Net;
using System.Text.Json;
using SurveyBot.FakeBotApi;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Webhook;

/// <summary>The load balancer's probe, <c>GET /healthz</c>: the <c>health</c> verb's report as JSON, 200 when healthy, 503 when not.</summary>
public sealed class WebhookHealthTests : IDisposable
{
    private readonly TestDatabase _database = new();

    [Fact]
    public async Task The_health_endpoint_answers_200_when_healthy_and_503_when_the_database_is_gone()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        using var bot = WebhookBot.Start(server, _database.Folder, _database.ConnectionString);
        await bot.WaitUntilRegisteredAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        var (status, report) = await ProbeAsync(http, bot.HealthUrl);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(report.GetProperty("healthy").GetBoolean(), report.ToString());
        var areas = report.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("area").GetString()).ToList();
        Assert.Equal(["database", "outbox", "inbox", "bot api"], areas);

        // An operator moved the database away: the instance must leave the load balancer's rotation.
        File.Move(_database.Path, _database.Path + ".moved");
        try
        {
            (status, report) = await ProbeAsync(http, bot.HealthUrl);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.False(report.GetProperty("healthy").GetBoolean());
            var database = report.GetProperty("checks").EnumerateArray().First(c => c.GetProperty("area").GetString() == "database");
            Assert.False(database.GetProperty("ok").GetBoolean());
        }
        finally
        {
            File.Move(_database.Path + ".moved", _database.Path);
        }

        (status, _) = await ProbeAsync(http, bot.HealthUrl);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain(server.Token, report.ToString());
    }

    [Fact]
    public async Task The_health_endpoint_answers_503_while_the_bot_api_fails()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        using var bot = WebhookBot.Start(server, _database.Folder, _database.ConnectionString);
        await bot.WaitUntilRegisteredAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };

        server.FailNext("getMe", 100, 401, description: "Unauthorized");
        var (status, report) = await ProbeAsync(http, bot.HealthUrl);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var botApi = report.GetProperty("checks").EnumerateArray().First(c => c.GetProperty("area").GetString() == "bot api");
        Assert.False(botApi.GetProperty("ok").GetBoolean());
        Assert.DoesNotContain(server.Token, report.ToString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Report)> ProbeAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    public void Dispose() => _database.Dispose();
}
