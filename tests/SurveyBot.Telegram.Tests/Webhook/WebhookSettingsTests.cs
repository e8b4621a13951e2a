using System.Net;
using System.Net.Sockets;
using SurveyBot.FakeBotApi;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Webhook;

/// <summary>A webhook setting that cannot work stops the start, names the setting, and never shows the secret.</summary>
public sealed class WebhookSettingsTests : IDisposable
{
    private const string BadSecret = "not allowed: spaces!";

    private readonly TestDatabase _database = new();

    [Theory]
    [InlineData("Telegram__Mode", "push")]
    [InlineData("Telegram__WebhookUrl", "")]
    [InlineData("Telegram__WebhookUrl", "bot.example.org/telegram")]
    [InlineData("Telegram__WebhookUrl", "https://bot.example.org/healthz")]
    [InlineData("Telegram__WebhookSecret", "")]
    [InlineData("Telegram__WebhookSecret", BadSecret)]
    [InlineData("Telegram__WebhookListen", "https://127.0.0.1:8443")]
    [InlineData("Telegram__WebhookListen", "127.0.0.1:8443")]
    [InlineData("Telegram__WebhookMaxConnections", "0")]
    [InlineData("Telegram__WebhookMaxConnections", "101")]
    public async Task A_webhook_setting_that_cannot_work_stops_the_start_and_is_named(string setting, string value)
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var environment = WebhookBot.Environment(server, _database.ConnectionString, WebhookBot.FreePort(), new Dictionary<string, string> { [setting] = value });

        await AssertRefusedAsync(server, environment, setting);
    }

    [Fact]
    public async Task A_plain_http_webhook_url_is_refused_for_the_public_bot_api()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var environment = WebhookBot.Environment(server, _database.ConnectionString, WebhookBot.FreePort(), new Dictionary<string, string>
        {
            ["Telegram__ApiBaseUrl"] = "",
            ["Telegram__WebhookUrl"] = "http://bot.example.org/telegram",
        });

        await AssertRefusedAsync(server, environment, "Telegram__WebhookUrl");
    }

    [Fact]
    public async Task A_listen_address_already_in_use_stops_the_start_and_is_named()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var environment = WebhookBot.Environment(server, _database.ConnectionString, port);

        await AssertRefusedAsync(server, environment, "Telegram__WebhookListen");
        Assert.Equal(string.Empty, server.WebhookUrl);
    }

    private async Task AssertRefusedAsync(FakeBotApiServer server, Dictionary<string, string> environment, string setting)
    {
        using var process = BotProcess.Start(_database.Folder, environment);

        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(setting, process.Output);
        Assert.DoesNotContain(server.Token, process.Output);
        Assert.DoesNotContain(WebhookBot.Secret, process.Output);
        Assert.DoesNotContain(BadSecret, process.Output);
        Assert.DoesNotContain(server.Calls, c => c.Method is "getUpdates" or "setWebhook");
    }

    public void Dispose() => _database.Dispose();
}
