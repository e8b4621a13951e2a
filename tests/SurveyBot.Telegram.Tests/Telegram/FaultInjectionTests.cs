using Microsoft.EntityFrameworkCore;
using SurveyBot.FakeBotApi.Respondents;
using SurveyBot.Storage.Entities;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;
using Xunit.Abstractions;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>
/// Twenty people answer at once while the Bot API misbehaves the whole time: 429s with retry_after,
/// 500s, 502s on getUpdates, dropped connections and replies slower than the request timeout. Every
/// respondent must still get each next question and finish, and the database must hold exactly the
/// answers each one gave, none lost and none twice.
/// </summary>
public sealed class FaultInjectionTests(ITestOutputHelper output)
{
    private const string Closing = "지금까지 응답해주셔서 진심으로 감사드립니다";

    [Fact]
    public async Task Interviews_survive_rate_limits_server_errors_dropped_connections_and_slow_replies()
    {
        await using var harness = await TelegramHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Telegram:RequestTimeoutSeconds"] = "1",
            ["Telegram:PollTimeoutSeconds"] = "1",
            ["Telegram:MaxSendAttempts"] = "8",
        });
        var server = harness.Server;
        var respondents = Enumerable.Range(0, 20)
            .Select(i => new SimulatedRespondent(server, 80_000 + i, seed: 100 + i, m => m.Text.Contains(Closing))
            {
                Patience = TimeSpan.FromSeconds(3),
                Deadline = TimeSpan.FromMinutes(3),
            })
            .ToList();
        Action[] faults =
        [
            () => server.FailNext("sendMessage", 3, 429, retryAfter: 1),
            () => server.FailNext("sendMessage", 2, 500),
            () => server.FailNext("editMessageText", 2, 502),
            () => server.FailNext("answerCallbackQuery", 1, 500),
            () => server.FailNext("getUpdates", 1, 502),
            () => server.DropNext("sendMessage", 2),
            () => server.DropNext("getUpdates", 1),
            () => server.DelayNext("sendMessage", 1, TimeSpan.FromSeconds(2)),
            () => server.DelayNext("editMessageText", 1, TimeSpan.FromSeconds(2)),
        ];

        var interviews = Task.WhenAll(respondents.Select(r => Task.Run(() => r.RunAsync())));
        // Three rounds of every fault, one after every 40 sends and edits (a question card is mostly edited): spread over the interviews by
        // their progress (not by the clock, which a fast or a busy machine would outrun), and a fixed budget
        // rather than a steady stream, which would keep hitting the last few respondents.
        var injected = 0;
        while (injected < 3 * faults.Length && !interviews.IsCompleted)
        {
            faults[injected++ % faults.Length]();
            var next = Limited() + 40;
            while (!interviews.IsCompleted && Limited() < next) await Task.WhenAny(interviews, Task.Delay(20));
        }
        await interviews;
        server.ClearFaults();

        long Limited() => server.CallCount("sendMessage") + server.CallCount("editMessageText");

        output.WriteLine($"{injected} faults injected, {server.TooManyRequestsCount} 429s, {respondents.Sum(r => r.Sent.Count)} inputs");
        Assert.True(injected >= faults.Length, "every kind of fault was injected at least once");
        Assert.True(server.TooManyRequestsCount > 0, "the bot met at least one 429");
        await using var db = harness.Database.Open();
        await InputReplay.AssertStoredExactlyAsync(db, respondents);
        var failedSends = await db.Outbox.Where(o => o.Status == OutboxRecord.Failed).Select(o => o.Error).ToListAsync();
        Assert.Empty(failedSends);
    }
}
