using SurveyBot.FakeBotApi;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Operations;

/// <summary>
/// A setting that cannot work stops the real program at its start, with a non-zero exit and the
/// setting's name in the output, before it polls Telegram or handles anyone's message.
/// </summary>
public sealed class StartupSettingsTests : IDisposable
{
    private readonly TestDatabase _database = new();

    [Theory]
    [InlineData("Survey__DefaultFlow", "citizn")]
    [InlineData("Telegram__PerChatBurst", "0")]
    [InlineData("Telegram__PerChatMessagesPerSecond", "-1")]
    [InlineData("Telegram__GlobalMessagesPerSecond", "-5")]
    [InlineData("Telegram__MaxBatch", "0")]
    [InlineData("Telegram__ProcessorShards", "0")]
    [InlineData("Telegram__SenderConcurrency", "0")]
    [InlineData("Telegram__MaxSendAttempts", "0")]
    [InlineData("Telegram__RequestTimeoutSeconds", "0")]
    [InlineData("Telegram__ApiBaseUrl", "ftp://127.0.0.1/")]
    [InlineData("Broadcast__MessagesPerSecond", "31")]
    [InlineData("Broadcast__Concurrency", "0")]
    [InlineData("Fieldwork__InvitationValidDays", "0")]
    [InlineData("Fieldwork__ScanIntervalSeconds", "0")]
    [InlineData("Access__Admins__0", "-1001234567890")]
    [InlineData("Survey__Fielding__citizen__GraceHours", "-1")]
    public async Task A_setting_that_cannot_work_stops_the_start_and_is_named(string setting, string value)
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = server.Token,
            ["Telegram__ApiBaseUrl"] = server.BaseUrl,
            ["Telegram__PollTimeoutSeconds"] = "1",
            ["ConnectionStrings__SurveyBot"] = _database.ConnectionString,
            [setting] = value,
        };
        using var process = BotProcess.Start(_database.Folder, environment);

        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(45));

        Assert.NotEqual(0, exitCode);
        var settingInOutput = setting.StartsWith("Survey__Fielding__", StringComparison.Ordinal) ? "Survey__Fielding__citizen" : setting;
        Assert.Contains(settingInOutput, process.Output);
        Assert.DoesNotContain(server.Token, process.Output);
        Assert.DoesNotContain(server.Calls, c => c.Method == "getUpdates");
    }

    public void Dispose() => _database.Dispose();
}
