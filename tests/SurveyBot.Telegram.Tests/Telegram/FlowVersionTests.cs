using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SurveyBot.Conversation;
using SurveyBot.FakeBotApi;
using SurveyBot.Hosting;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>
/// A live flow is edited between two runs of the bot: the respondent who was half-way finishes on the
/// version they began (and the export says so), a new respondent gets the edited version, and the
/// database keeps both versions' texts.
/// </summary>
public sealed class FlowVersionTests : IAsyncDisposable
{
    private const string OldAge = "SQ3) 귀하의 연령은 만으로 몇 세이십니까?";
    private const string NewAge = "SQ3) 올해 만 나이를 숫자로 알려 주십시오.";

    private readonly string _flows = Directory.CreateTempSubdirectory("surveybot-flows-").FullName;
    private readonly TestDatabase _database = new();
    private FakeBotApiServer? _server;

    [Fact]
    public async Task An_edited_flow_becomes_a_new_version_and_interviews_in_progress_finish_on_theirs()
    {
        File.Copy(RepoPaths.Flow("expert"), Path.Combine(_flows, "expert.yaml"));
        var citizen = Path.Combine(_flows, "citizen.yaml");
        File.Copy(RepoPaths.Flow("citizen"), citizen);
        _server = await FakeBotApiServer.StartAsync();
        const long halfway = 61_001, newcomer = 61_002;

        using (var first = await StartBotAsync())
        {
            _server.SendText(halfway, "/start");
            await PressAsync(halfway, "INTRO", "next");
            await PressAsync(halfway, "SQ1", "1");
            await _server.WaitForMessageAsync(halfway, m => m.Text.Contains("SQ2)"), TelegramHarness.Wait);
            await first.StopAsync();
        }

        File.WriteAllText(citizen, File.ReadAllText(citizen).Replace(OldAge, NewAge, StringComparison.Ordinal));
        using (var second = await StartBotAsync())
        {
            await PressAsync(halfway, "SQ2", "1");
            var halfwayAge = await _server.WaitForMessageAsync(halfway, m => m.Text.Contains("SQ3)"), TelegramHarness.Wait);
            Assert.Contains(OldAge, halfwayAge.Text);

            _server.SendText(newcomer, "/start");
            await PressAsync(newcomer, "INTRO", "next");
            await PressAsync(newcomer, "SQ1", "2");
            await PressAsync(newcomer, "SQ2", "2");
            var newcomerAge = await _server.WaitForMessageAsync(newcomer, m => m.Text.Contains("SQ3)"), TelegramHarness.Wait);
            Assert.Contains(NewAge, newcomerAge.Text);
            await second.StopAsync();
        }

        await using var db = _database.Open();
        var versions = await db.Respondents.Where(r => r.Channel == ConversationHandler.ChannelName)
            .ToDictionaryAsync(r => r.ChatId, r => r.FlowVersion);
        Assert.Equal(new Dictionary<long, int> { [halfway] = 1, [newcomer] = 2 }, versions);
        var stored = await db.FlowVersions.Where(v => v.FlowId == "citizen").OrderBy(v => v.Version).ToListAsync();
        Assert.Equal([1, 2], stored.Select(v => v.Version));
        Assert.Contains(OldAge, stored[0].Content);
        Assert.Contains(NewAge, stored[1].Content);
    }

    private async Task<IHost> StartBotAsync()
    {
        var host = SurveyBotHost.BuildRunner([], new ConsoleRespondent(0, null), new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = _server!.Token,
            ["Telegram:ApiBaseUrl"] = _server.BaseUrl,
            ["Telegram:PollTimeoutSeconds"] = "1",
            ["Telegram:GlobalMessagesPerSecond"] = "0",
            ["Telegram:PerChatMessagesPerSecond"] = "0",
            ["ConnectionStrings:SurveyBot"] = _database.ConnectionString,
            ["Survey:FlowsPath"] = _flows,
        }, builder => builder.Logging.ClearProviders());
        await host.StartAsync();
        return host;
    }

    private async Task PressAsync(long chat, string step, string value)
    {
        var question = await _server!.WaitForMessageAsync(chat, m => m.Buttons.Any(b => b.CallbackData == $"{step}|{value}"), TelegramHarness.Wait);
        _server.PressButton(chat, question.MessageId, $"{step}|{value}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _database.Dispose();
        Directory.Delete(_flows, recursive: true);
    }
}
