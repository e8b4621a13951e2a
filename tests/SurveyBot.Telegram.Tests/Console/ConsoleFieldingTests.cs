using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Console;

/// <summary>Fielding windows in the console channel, configured through environment variables as an operator would.</summary>
public sealed class ConsoleFieldingTests : IDisposable
{
    private readonly TestDatabase _database = new();

    [Fact]
    public async Task Before_the_configured_opening_the_console_says_when_it_opens_and_stores_nothing()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__SurveyBot"] = _database.ConnectionString,
            ["Survey__Fielding__citizen__Opens"] = "2099-03-02T09:00:00+09:00",
            ["Survey__Fielding__citizen__Closes"] = "2099-03-20T18:00:00+09:00",
        };
        using var process = BotProcess.Start(_database.Folder, environment);
        process.CloseInput();

        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("본 조사는 아직 시작 전입니다. 2099년 3월 2일 09:00부터 참여하실 수 있으니", process.Output);
        Assert.DoesNotContain("SMART CITY", process.Output);
        Assert.Equal("", _database.Snapshot());
    }

    public void Dispose() => _database.Dispose();
}
