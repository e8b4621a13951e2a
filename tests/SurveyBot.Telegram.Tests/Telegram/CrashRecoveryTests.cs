using Microsoft.EntityFrameworkCore;
using SurveyBot.FakeBotApi;
using SurveyBot.FakeBotApi.Respondents;
using SurveyBot.Storage.Entities;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;
using Xunit.Abstractions;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>
/// The bot runs as a child process and is killed with SIGKILL at random moments while 50 people
/// answer at once; it is restarted each time. Afterwards every interview must hold exactly the
/// answers its respondent gave: the inputs each simulated respondent sent are replayed through the
/// engine and compared with the database, so a lost answer, one recorded twice or one applied to
/// the wrong question all fail the test.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const string Closing = "지금까지 응답해주셔서 진심으로 감사드립니다";

    [Fact]
    public async Task Twenty_kills_during_fifty_interviews_lose_nothing_and_record_nothing_twice()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        using var database = new TestDatabase();
        var environment = new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = server.Token,
            ["Telegram__ApiBaseUrl"] = server.BaseUrl,
            ["Telegram__PollTimeoutSeconds"] = "1",
            ["Telegram__GlobalMessagesPerSecond"] = "0",
            ["Telegram__PerChatMessagesPerSecond"] = "0",
            ["Telegram__RetryBaseDelayMilliseconds"] = "100",
            ["ConnectionStrings__SurveyBot"] = database.ConnectionString,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var respondents = Enumerable.Range(0, 50)
            .Select(i => new SimulatedRespondent(server, 70_000 + i, seed: i, m => m.Text.Contains(Closing))
            {
                ThinkTime = TimeSpan.FromMilliseconds(60),
                Patience = TimeSpan.FromSeconds(3),
                Deadline = TimeSpan.FromMinutes(3),
            })
            .ToList();

        var bot = BotProcess.Start(database.Folder, environment);
        var interviews = Task.WhenAll(respondents.Select(r => Task.Run(() => r.RunAsync())));
        var random = new Random(20);
        var kills = 0;
        try
        {
            while (kills < 20 && !interviews.IsCompleted)
            {
                await Task.Delay(random.Next(400, 2200));
                bot.Kill();
                bot.Dispose();
                kills++;
                bot = BotProcess.Start(database.Folder, environment);
            }
            await interviews.WaitAsync(TimeSpan.FromMinutes(6));
        }
        finally
        {
            output.WriteLine(bot.Output);
            output.WriteLine(Describe(database, respondents, server));
            bot.Dispose();
        }

        output.WriteLine($"{kills} kills, {respondents.Sum(r => r.Sent.Count)} inputs");
        Assert.Equal(20, kills);
        await using var db = database.Open();
        await InputReplay.AssertStoredExactlyAsync(db, respondents);
    }

    private static string Describe(TestDatabase database, List<SimulatedRespondent> respondents, FakeBotApiServer server)
    {
        using var db = database.Open();
        var inbox = db.Inbox.AsNoTracking().AsEnumerable().GroupBy(i => i.ProcessedAt is null ? "pending" : i.Error is null ? "done" : "failed").Select(g => $"{g.Key}={g.Count()}");
        var outbox = db.Outbox.AsNoTracking().AsEnumerable().GroupBy(o => o.Status).Select(g => $"{g.Key}={g.Count()}");
        var errors = db.Outbox.AsNoTracking().Where(o => o.Error != null).AsEnumerable().Concat<object>(db.Inbox.AsNoTracking().Where(i => i.Error != null))
            .Select(r => r is OutboxRecord o ? $"outbox {o.Error}" : $"inbox {((InboxRecord)r).Error}").GroupBy(e => e).Select(g => $"{g.Count()}x {g.Key}");
        var stuck = respondents.Where(r => server.LastMessage(r.ChatId) is not { } m || !m.Text.Contains(Closing)).Select(r => $"{r.ChatId}: {r.Sent.Count} sent, {server.Messages(r.ChatId).Count} messages");
        return $"inbox {string.Join(", ", inbox)}; outbox {string.Join(", ", outbox)}; pending updates at server {server.PendingUpdateCount}\n{string.Join("\n", errors)}\n{string.Join("\n", stuck)}";
    }
}
