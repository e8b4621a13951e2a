using SurveyBot.FakeBotApi;
using SurveyBot.Testing;

using SurveyBot.Testing.Postgres;

namespace SurveyBot.Telegram.Tests.Postgres;

/// <summary>
/// Storage settings that cannot work stop the real program at its start, naming the setting, before it polls Telegram;
/// a connection string's password never reaches the output.
/// </summary>
public sealed class StorageSettingsTests : IDisposable
{
    private const string Password = "s3cret-Pa55word";
    private readonly string _folder = Directory.CreateTempSubdirectory("surveybot-settings-").FullName;

    [Theory]
    [InlineData("mysql", null, "Storage__Provider")]
    [InlineData("postgres", null, "ConnectionStrings__SurveyBot")]
    [InlineData("postgres", "Host=127.0.0.1;Password=" + Password + ";Bogus Key=1", "ConnectionStrings__SurveyBot")]
    [InlineData("postgres", "Password=" + Password + ";Database=surveybot", "ConnectionStrings__SurveyBot")]
    [InlineData("sqlite", "Host=db;Database=surveybot;Password=" + Password, "ConnectionStrings__SurveyBot")]
    public async Task A_storage_setting_that_cannot_work_stops_the_start_and_is_named(string provider, string? connectionString, string setting)
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = server.Token,
            ["Telegram__ApiBaseUrl"] = server.BaseUrl,
            ["Telegram__PollTimeoutSeconds"] = "1",
            ["Storage__Provider"] = provider,
        };
        if (connectionString is not null) environment["ConnectionStrings__SurveyBot"] = connectionString;
        using var process = BotProcess.Start(_folder, environment);

        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(45));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(setting, process.Output);
        Assert.DoesNotContain(Password, process.Output);
        Assert.DoesNotContain(server.Token, process.Output);
        Assert.DoesNotContain(server.Calls, c => c.Method == "getUpdates");
        Assert.False(Directory.Exists(Path.Combine(_folder, "data")), "a database was created although the settings could not work");
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
